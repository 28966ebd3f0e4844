using Azure;
using CustomsFn.Api;
using CustomsFn.Core.Foundation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CustomsFn.IntegrationTests.Api;

/// <summary>
/// /api/export.csv answered 200 with only a header row while storage was down (issue 25): it looked like an empty
/// audit. Storage that does not answer is a 503 with Retry-After; an audit that is really empty is still a 200.
/// </summary>
public sealed class StorageOutageTests
{
    private sealed class AuditQueryStub(Exception? failure, params AuditRecord[] records) : IAuditQuery
    {
        public async IAsyncEnumerable<AuditRecord> QueryAsync(AuditQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            if (failure is not null) throw failure;
            foreach (var r in records) yield return r;
        }
    }

    private static ExportApi Export(IAuditQuery query)
    {
        var options = Options.Create(new ApiOptions());
        return new ExportApi(query, new AuditHistory(query, options, TimeProvider.System), options);
    }

    public static TheoryData<string> Outages => new() { "503", "aggregate", "connection" };

    private static Exception Outage(string kind) => kind switch
    {
        "503" => new RequestFailedException(503, "Service Unavailable"),
        "aggregate" => new AggregateException(new RequestFailedException(500, "Internal"), new RequestFailedException(503, "Busy")),
        _ => new HttpRequestException("Connection refused (127.0.0.1:10002)"),
    };

    [Theory]
    [MemberData(nameof(Outages))]
    public async Task Export_WhileStorageIsDown_Is503WithRetryAfter_NotAnEmptyCsv(string kind)
    {
        var context = new DefaultHttpContext();
        var result = await Export(new AuditQueryStub(Outage(kind))).ExportCsvAsync(context.Request);

        var status = Assert.IsAssignableFrom<IStatusCodeHttpResult>(result);
        Assert.Equal(503, status.StatusCode);
        Assert.Equal("30", context.Response.Headers.RetryAfter.ToString());
    }

    [Fact]
    public async Task Export_OfAnEmptyAudit_IsStillA200Csv()
    {
        var context = new DefaultHttpContext();
        var result = await Export(new AuditQueryStub(null)).ExportCsvAsync(context.Request);
        Assert.IsType<PushStreamHttpResult>(result);
    }

    [Fact]
    public void WhatCountsAsAnOutage_IsStorageNotAnswering_NotARefusal()
    {
        Assert.True(StorageOutage.Is(new RequestFailedException(503, "busy")));
        Assert.True(StorageOutage.Is(new RequestFailedException(0, "no response")));
        Assert.True(StorageOutage.Is(new AggregateException(new RequestFailedException(503, "a"), new HttpRequestException("b"))));
        Assert.False(StorageOutage.Is(new RequestFailedException(404, "not found")));
        Assert.False(StorageOutage.Is(new RequestFailedException(412, "condition")));
        Assert.False(StorageOutage.Is(new AggregateException(new RequestFailedException(503, "a"), new InvalidOperationException("bug"))));
        Assert.False(StorageOutage.Is(new InvalidOperationException("a bug is a 500")));
    }
}
