using System.Runtime.Serialization;

namespace CustomsFn.Core.Contract;

public enum Severity
{
    [EnumMember(Value = "error")] Error,
    [EnumMember(Value = "warning")] Warning,
    [EnumMember(Value = "info")] Info,
}
