using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace CustomsFn.Core.Isolation;

/// <summary>
/// The nice value of every thread of a process. On Linux a nice value belongs to a thread: <c>setpriority</c> on a
/// process id (what <see cref="Process.PriorityClass"/> calls) changes only its main thread, while a worker reads on
/// threads of its own. Threads started later inherit the value of the thread that starts them. Elsewhere,
/// <see cref="Process.PriorityClass"/>.
/// </summary>
internal static partial class ProcessNice
{
    private const int PrioProcess = 0;

    /// <summary>Sets <paramref name="nice"/> (-20..19) on every thread; false if any refused (raising priority needs CAP_SYS_NICE).</summary>
    public static bool TrySet(Process process, int nice)
    {
        if (!OperatingSystem.IsLinux())
        {
            try
            {
                process.PriorityClass = nice > 0 ? ProcessPriorityClass.Idle : ProcessPriorityClass.Normal;
                return true;
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException or PlatformNotSupportedException)
            {
                return false;
            }
        }
        var all = true;
        foreach (var tid in Threads(process.Id))
        {
            // A thread that has just ended is not a refusal.
            if (setpriority(PrioProcess, tid, nice) != 0 && Marshal.GetLastPInvokeError() != 3 /* ESRCH */) all = false;
        }
        return all;
    }

    /// <summary>The nice value of each live thread (Linux: field 19 of <c>/proc/PID/task/TID/stat</c>).</summary>
    public static IReadOnlyList<int> Read(int pid)
    {
        var values = new List<int>();
        foreach (var tid in Threads(pid))
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/task/{tid}/stat");
                // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                values.Add(int.Parse(fields[16], CultureInfo.InvariantCulture));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Ended meanwhile.
            }
        }
        return values;
    }

    private static IEnumerable<int> Threads(int pid)
    {
        string[] tasks;
        try
        {
            tasks = Directory.GetDirectories($"/proc/{pid}/task");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            yield break;
        }
        foreach (var task in tasks)
        {
            if (int.TryParse(Path.GetFileName(task), NumberStyles.None, CultureInfo.InvariantCulture, out var tid)) yield return tid;
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setpriority(int which, int who, int prio);
}
