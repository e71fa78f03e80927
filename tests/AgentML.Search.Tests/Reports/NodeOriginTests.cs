using AgentML.Core.Runs;
using AgentML.Search.Reports;
using AgentML.Store.Runs;

namespace AgentML.Search.Tests.Reports;

public sealed class NodeOriginTests
{
    [Theory]
    [InlineData(NodeOperator.Draft, """{"members": [{"model": "xgb"}]}""", NodeOrigin.NewRecipe)]
    [InlineData(NodeOperator.Improve, """{"members": [{"model": "xgb"}], "ideas": ["xgb", "log-target"]}""", NodeOrigin.Refinement)]
    [InlineData(NodeOperator.Improve, """{"members": [{"model": "xgb"}], "portfolio": "xgb-zeroshot-a"}""", NodeOrigin.Portfolio)]
    [InlineData(NodeOperator.Improve, """{"members": [{"model": "xgb"}], "drawn": 3}""", NodeOrigin.Drawn)]
    [InlineData(NodeOperator.Improve, "def main(): pass", NodeOrigin.Refinement)]
    [InlineData(NodeOperator.Merge, null, NodeOrigin.Merge)]
    [InlineData(NodeOperator.Merge, """{"members": [{"model": "xgb"}], "operator": "merge"}""", NodeOrigin.Merge)]
    [InlineData(NodeOperator.Merge, """{"members": [{"model": "xgb"}], "operator": "improve", "portfolio": "xgb-shallow"}""", NodeOrigin.Portfolio)]
    [InlineData(NodeOperator.Debug, """{"members": [{"model": "xgb"}], "drawn": 1}""", NodeOrigin.Fix)]
    public void A_nodes_origin_follows_its_operator_and_recipe(NodeOperator op, string? recipe, string expected)
    {
        var node = new NodeRecord { Id = "n002", RunId = "run-1", Number = 2, ParentIds = ["n001"], Operator = op, Status = NodeStatus.Ok, Recipe = recipe };

        Assert.Equal(expected, NodeOrigin.Of(node));
    }
}
