using AgentML.Agents.Roles;
using Microsoft.Extensions.Logging;

namespace AgentML.Agents.Builtin;

/// <summary>The builtin expert team: needs no LLM; its knowledge is the idea bank and templates in prompts/builtin.</summary>
public static class BuiltinTeam
{
    public static AgentTeam Create(string promptsDirectory, ILoggerFactory loggerFactory) => throw new NotImplementedException("issue 5");
}
