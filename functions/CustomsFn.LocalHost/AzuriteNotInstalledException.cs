namespace CustomsFn.LocalHost;

/// <summary>Azurite is not installed where the project installs it.</summary>
public sealed class AzuriteNotInstalledException : Exception
{
    public AzuriteNotInstalledException() : base(AzuriteEmulator.NotInstalledMessage) { }
    public AzuriteNotInstalledException(string message) : base(message) { }
    public AzuriteNotInstalledException(string message, Exception inner) : base(message, inner) { }
}
