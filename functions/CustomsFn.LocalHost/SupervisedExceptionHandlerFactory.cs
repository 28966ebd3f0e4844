using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Host.Timers;
using Microsoft.Extensions.Hosting;

namespace CustomsFn.LocalHost;

/// <summary>Replaces the SDK's handler (which rethrows on a new thread and so ends the process) with a host restart.</summary>
internal sealed class SupervisedExceptionHandlerFactory(LocalHostApp supervisor) : IWebJobsExceptionHandlerFactory
{
    public IWebJobsExceptionHandler Create(IHost jobHost) => new Handler(supervisor);

    private sealed class Handler(LocalHostApp supervisor) : IWebJobsExceptionHandler
    {
        public void Initialize(JobHost host) { }

        public Task OnTimeoutExceptionAsync(System.Runtime.ExceptionServices.ExceptionDispatchInfo exceptionInfo, TimeSpan timeoutGracePeriod)
        {
            supervisor.RequestRestart(exceptionInfo?.SourceException);
            return Task.CompletedTask;
        }

        public Task OnUnhandledExceptionAsync(System.Runtime.ExceptionServices.ExceptionDispatchInfo exceptionInfo)
        {
            supervisor.RequestRestart(exceptionInfo?.SourceException);
            return Task.CompletedTask;
        }
    }
}
