namespace AgentML;

/// <summary>
/// An error caused by the user's input (a missing file, a malformed CSV, an unknown option value). Its message
/// names the file, row or field and what was expected; the CLI prints it as one line without a stack trace.
/// </summary>
public class UserFacingException : Exception
{
    public UserFacingException()
    {
    }

    public UserFacingException(string message)
        : base(message)
    {
    }

    public UserFacingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
