using System.Runtime.InteropServices;

namespace AgentML.Sandbox.Local;

/// <summary>The few libc calls .NET does not expose: signals to process groups, effective uid, ownership.</summary>
internal static partial class NativeMethods
{
    public const int SigKill = 9;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);

    [LibraryImport("libc")]
    private static partial uint geteuid();

    [LibraryImport("libc", EntryPoint = "lchown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LChown(string path, int owner, int group);

    public static bool IsRoot => OperatingSystem.IsLinux() && geteuid() == 0;

    /// <summary>Sends SIGKILL to a process (pid &gt; 0) or a process group (pid &lt; 0); false when none exists.</summary>
    public static bool Kill(int pid) => kill(pid, SigKill) == 0;

    /// <summary>True when the process exists (signal 0).</summary>
    public static bool Exists(int pid) => pid > 0 && (kill(pid, 0) == 0 || Marshal.GetLastPInvokeError() == 1 /* EPERM */);

    /// <summary>Changes the owner of a path without following symlinks; false on failure.</summary>
    public static bool Chown(string path, int uid, int gid) => LChown(path, uid, gid) == 0;
}
