using AgentML.Agents.Llm.Replies;

namespace AgentML.Agents.Tests.Llm;

public sealed class ReplyParsingTests
{
    [Fact]
    public void The_longest_python_block_is_the_program_and_the_prose_is_the_explanation()
    {
        var reply = "I add a feature.\n\n```python\nprint(1)\n```\n\nFull program:\n```python\nimport pandas as pd\nprint(2)\n```\nDone.";

        var code = CodeBlocks.Extract(reply);

        Assert.NotNull(code);
        Assert.Equal("import pandas as pd\nprint(2)\n", code.Code);
        Assert.Contains("I add a feature.", code.Explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("print(2)", code.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Use a random forest.")]
    [InlineData("```\nsome text\n```")]
    [InlineData("```python\n\n```")]
    public void A_reply_without_a_python_block_has_no_code(string reply) => Assert.Null(CodeBlocks.Extract(reply));

    [Fact]
    public void An_unlabeled_block_that_looks_like_python_counts()
    {
        var code = CodeBlocks.Extract("Here:\n```\nimport os\nprint(os.getcwd())\n```");

        Assert.Equal("import os\nprint(os.getcwd())\n", code?.Code);
    }

    [Theory]
    [InlineData("""{"plan": "boost it"}""")]
    [InlineData("Sure! Here is the JSON:\n```json\n{\"plan\": \"boost it\"}\n```\nHope it helps.")]
    [InlineData("The answer is {\"plan\": \"boost it\", \"note\": \"a } inside\"} as requested.")]
    [InlineData("{\"Plan\": \"boost it\",}")]
    public void Json_is_found_in_plain_fenced_or_prose_replies(string reply)
    {
        Assert.True(JsonReply.TryParse<PlanReply>(reply, out var plan));
        Assert.Equal("boost it", plan.Plan);
    }

    [Theory]
    [InlineData("no json here")]
    [InlineData("""{"plan": ""}""")]
    [InlineData("""{"plan": "unterminated""")]
    public void Unusable_json_is_rejected(string reply) => Assert.False(JsonReply.TryParse<PlanReply>(reply, out _));

    [Fact]
    public void A_critique_reads_its_snake_case_fields()
    {
        Assert.True(JsonReply.TryParse<CritiqueReply>("""{"criticism": "leaks the target", "fixed_plan": "encode inside each fold"}""", out var critique));
        Assert.Equal("leaks the target", critique.Criticism);
        Assert.Equal("encode inside each fold", critique.FixedPlan);
    }
}
