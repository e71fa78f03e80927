using AgentML.Bench.Competitions;
using AgentML.Core.Grading;
using AgentML.Core.Metrics;

namespace AgentML.Bench.Grading;

/// <summary>
/// How a competition's grade.py pairs submission rows with answer rows (its <see cref="GradingRules"/>): by id after
/// sorting, in file order, merged on ids, restricted to the answers' ids, with answers filtered first; every mismatch is a rejection naming the ids.
/// </summary>
internal static class MleBenchRowMatcher
{
    internal static (int[] Submission, int[] Answers) PairRows(MleBenchGrading g, GradingRules rules, PandasTable submission, PandasTable answers, PandasColumn[] ansTargets)
    {
        var filter = rules.ScoreAnswerRowsWhere is { } where ? AnswerFilter(answers, where) : null;
        var keepAnswer = Enumerable.Range(0, answers.RowCount)
            .Select(r => (!rules.SkipNegativeAnswerRows || ansTargets.Sum(c => c.Kind == PandasKind.Number ? c.Numbers[r] : 0) >= 0)
                && (filter is null || filter(r)))
            .ToArray();
        switch (rules.Rows)
        {
            case "position":
                return Kept(Enumerable.Range(0, submission.RowCount).ToArray(), Enumerable.Range(0, answers.RowCount).ToArray(), keepAnswer);
            case "sort_by_id":
                return Kept(submission[g.IdColumn]!.SortOrder(), IdOf(answers, g.IdColumn).SortOrder(), keepAnswer);
            case "match_ids":
            {
                var subId = submission[g.IdColumn]!;
                var ansId = IdOf(answers, g.IdColumn);
                var so = subId.SortOrder();
                var ao = ansId.SortOrder();
                if (so.Length != ao.Length)
                {
                    throw new MleBenchRuleGrader.Rejected($"the submission has {so.Length} rows; expected {ao.Length} (one per test id)");
                }

                for (var k = 0; k < so.Length; k++)
                {
                    if (!subId.SameValue(so[k], ansId, ao[k]))
                    {
                        throw new MleBenchRuleGrader.Rejected(IdMismatch(g.IdColumn, subId, ansId));
                    }
                }

                return Kept(so, ao, keepAnswer, rules.FilterSubmissionByRowPosition);
            }

            case "merge_ids":
                return MergeIds(g.IdColumn, submission, answers, keepAnswer);
            case "subset_ids":
                return SubsetIds(g.IdColumn, submission, answers, keepAnswer);
            case "id_index":
            {
                var subId = submission[g.IdColumn]!;
                var ansId = IdOf(answers, g.IdColumn);
                var so = subId.SortOrder();
                var ao = ansId.SortOrder();
                var kept = new List<int>();
                foreach (var s in so)
                {
                    var match = Array.FindIndex(ao, a => subId.SameValue(s, ansId, a));
                    if (match < 0)
                    {
                        throw new MleBenchRuleGrader.Rejected($"id '{subId.Show(s)}' is not in the test set (pandas cannot align the answers' mask with the submission)");
                    }

                    if (keepAnswer[ao[match]])
                    {
                        kept.Add(s);
                    }
                }

                return ([.. kept], ao.Where(a => keepAnswer[a]).ToArray());
            }

            default:
                throw new InvalidOperationException($"Unknown grading.rows '{rules.Rows}' (expected match_ids, sort_by_id, position, id_index, merge_ids or subset_ids).");
        }
    }

    // set(submission ids) == set(answer ids), then answers.merge(submission, on=id): answer rows in file order, each
    // meeting the submission rows with its id in file order (a duplicated id counts twice; a missing one fails the set check).
    private static (int[] Submission, int[] Answers) MergeIds(string idColumn, PandasTable submission, PandasTable answers, bool[] keepAnswer)
    {
        var subId = submission[idColumn]!;
        var ansId = IdOf(answers, idColumn);
        var byId = Enumerable.Range(0, subId.Length).ToLookup(r => Key(subId, r), StringComparer.Ordinal);
        var answerIds = Enumerable.Range(0, ansId.Length).Select(r => Key(ansId, r)).ToHashSet(StringComparer.Ordinal);
        if (!answerIds.SetEquals(byId.Select(x => x.Key)))
        {
            throw new MleBenchRuleGrader.Rejected(IdMismatch(idColumn, subId, ansId));
        }

        var sub = new List<int>();
        var ans = new List<int>();
        for (var a = 0; a < ansId.Length; a++)
        {
            if (!keepAnswer[a])
            {
                continue;
            }

            foreach (var s in byId[Key(ansId, a)])
            {
                sub.Add(s);
                ans.Add(a);
            }
        }

        return ([.. sub], [.. ans]);
    }

    // set(submission ids) >= set(answer ids); the submission's rows of other ids are dropped; both sorted by id, then
    // zipped by position (a duplicated id shifts every later pair and the longer side is cut, as zip() does).
    private static (int[] Submission, int[] Answers) SubsetIds(string idColumn, PandasTable submission, PandasTable answers, bool[] keepAnswer)
    {
        var subId = submission[idColumn]!;
        var ansId = IdOf(answers, idColumn);
        var answerOrder = ansId.SortOrder();
        var answerKeys = Enumerable.Range(0, ansId.Length).Select(a => Key(ansId, a)).ToHashSet(StringComparer.Ordinal);
        var submissionKeys = Enumerable.Range(0, subId.Length).Select(s => Key(subId, s)).ToArray();
        var inAnswers = Enumerable.Range(0, subId.Length).Where(s => answerKeys.Contains(submissionKeys[s])).ToHashSet();
        var present = submissionKeys.ToHashSet(StringComparer.Ordinal);
        var missing = answerOrder.Where(a => !present.Contains(Key(ansId, a))).Take(3).Select(ansId.Show).ToArray();
        if (missing.Length > 0)
        {
            throw new MleBenchRuleGrader.Rejected($"the submission's '{idColumn}' values must include every answer id; missing {MleBenchRuleGrader.Quote(missing)}");
        }

        var sub = subId.SortOrder().Where(inAnswers.Contains).ToArray();
        var count = Math.Min(sub.Length, answerOrder.Length);
        return Kept(sub[..count], answerOrder[..count], keepAnswer);
    }

    // An id as a set member: pandas never matches a number with text.
    private static string Key(PandasColumn c, int row) => c.Kind == PandasKind.Number ? "n" + NumberParsing.Format(c.Numbers[row]) : "t" + c.Texts[row];

    // "column == value": the answer rows grade.py scores (e.g. ventilator's u_out == 0).
    private static Func<int, bool> AnswerFilter(PandasTable answers, string where)
    {
        var parts = where.Split("==", 2, StringSplitOptions.TrimEntries);
        var column = parts.Length == 2 ? answers[parts[0]] : null;
        if (column is null || !NumberParsing.TryParse(parts[1], out var value))
        {
            throw new UserFacingException($"grading.score_answer_rows_where '{where}': expected '<answer column> == <number>' (answer columns: {string.Join(", ", answers.Names)})");
        }

        return r => column.Kind == PandasKind.Number && column.Numbers[r] == value;
    }

    private static (int[] Submission, int[] Answers) Kept(int[] sub, int[] ans, bool[] keepAnswer, bool bySubmissionRow = false)
    {
        if (keepAnswer.All(k => k))
        {
            return (sub, ans);
        }

        if (bySubmissionRow)
        {
            // pandas aligns the answers' mask on the submission's row index: submission row i is kept when answer row i is.
            return (sub.Where(s => s < keepAnswer.Length && keepAnswer[s]).ToArray(), ans.Where(a => keepAnswer[a]).ToArray());
        }

        var pairs = Enumerable.Range(0, Math.Min(sub.Length, ans.Length)).Where(k => keepAnswer[ans[k]]).ToArray();
        return (pairs.Select(k => sub[k]).ToArray(), pairs.Select(k => ans[k]).ToArray());
    }

    private static PandasColumn IdOf(PandasTable answers, string id) =>
        answers[id] ?? throw new UserFacingException($"the answers have no id column '{id}' (columns: {string.Join(", ", answers.Names)})");

    private static string IdMismatch(string idColumn, PandasColumn sub, PandasColumn ans)
    {
        var subIds = Enumerable.Range(0, sub.Length).Select(sub.Show).ToList();
        var ansIds = Enumerable.Range(0, ans.Length).Select(ans.Show).ToList();
        var missing = ansIds.Except(subIds, StringComparer.Ordinal).Take(3).ToArray();
        var unknown = subIds.Except(ansIds, StringComparer.Ordinal).Take(3).ToArray();
        var duplicate = subIds.GroupBy(i => i, StringComparer.Ordinal).Where(x => x.Count() > 1).Select(x => x.Key).Take(3).ToArray();
        var parts = new List<string>();
        if (missing.Length > 0)
        {
            parts.Add($"missing ids {MleBenchRuleGrader.Quote(missing)}");
        }

        if (unknown.Length > 0)
        {
            parts.Add($"ids not in the test set {MleBenchRuleGrader.Quote(unknown)}");
        }

        if (duplicate.Length > 0)
        {
            parts.Add($"duplicate ids {MleBenchRuleGrader.Quote(duplicate)}");
        }

        if (parts.Count == 0 && sub.Kind != ans.Kind)
        {
            parts.Add($"pandas reads the submission's ids as {sub.Kind} and the answers' as {ans.Kind}");
        }

        return $"the submission's '{idColumn}' values do not match the test set's: {string.Join("; ", parts)}";
    }
}
