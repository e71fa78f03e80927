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
        var latest = rules.LatestPerGroup is { } n ? LatestPerGroup(rules, g.IdColumn, answers, ansTargets[0], n) : null;
        var keepAnswer = Enumerable.Range(0, answers.RowCount)
            .Select(r => (!rules.SkipNegativeAnswerRows || ansTargets.Sum(c => c.Kind == PandasKind.Number ? c.Numbers[r] : 0) >= 0)
                && (filter is null || filter(r)) && (latest is null || latest[r]))
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
            case "position_within_ids":
                return PositionWithinIds(g.IdColumn, submission, answers, keepAnswer);
            case "within_answers":
                return WithinAnswers(g.IdColumn, submission, answers, keepAnswer);
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
                throw new InvalidOperationException($"Unknown grading.rows '{rules.Rows}' (expected match_ids, sort_by_id, position, id_index, merge_ids, subset_ids, position_within_ids or within_answers).");
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

    // smartphone-decimeter-2022: for each id of the answers (in order of first appearance), submission[submission[id] ==
    // value] must have as many rows as the answers, and the rows are paired in file order (surprising: the timestamps are
    // required but never compared, so rows in another order within a trip are scored against other positions).
    private static (int[] Submission, int[] Answers) PositionWithinIds(string idColumn, PandasTable submission, PandasTable answers, bool[] keepAnswer)
    {
        var subId = submission[idColumn]!;
        var ansId = IdOf(answers, idColumn);
        var byId = Enumerable.Range(0, subId.Length).ToLookup(r => Key(subId, r), StringComparer.Ordinal);
        var sub = new List<int>();
        var ans = new List<int>();
        foreach (var rows in Enumerable.Range(0, ansId.Length).GroupBy(r => Key(ansId, r), StringComparer.Ordinal))
        {
            var mine = byId[rows.Key].ToArray();
            if (mine.Length != rows.Count())
            {
                throw new MleBenchRuleGrader.Rejected($"'{idColumn}' {ansId.Show(rows.First())} has {mine.Length} submission rows; the answers have {rows.Count()}");
            }

            sub.AddRange(mine);
            ans.AddRange(rows);
        }

        return Kept([.. sub], [.. ans], keepAnswer);
    }

    // osic: every submission id must be an answer id (scored or not); the submission rows whose ids are scored, and the
    // scored answer rows whose ids the submission has, are both sorted by id and paired by position (pandas' sort is not
    // stable: duplicated ids may meet their answers in another order). Counts that differ fail as NumPy broadcasting
    // does, unless a single answer row is broadcast against every submission row.
    private static (int[] Submission, int[] Answers) WithinAnswers(string idColumn, PandasTable submission, PandasTable answers, bool[] keepAnswer)
    {
        var subId = submission[idColumn]!;
        var ansId = IdOf(answers, idColumn);
        var answerKeys = Enumerable.Range(0, ansId.Length).Select(a => Key(ansId, a)).ToHashSet(StringComparer.Ordinal);
        var unknown = Enumerable.Range(0, subId.Length).FirstOrDefault(s => IsMissing(subId, s) || !answerKeys.Contains(Key(subId, s)), -1);
        if (unknown >= 0)
        {
            throw new MleBenchRuleGrader.Rejected($"'{idColumn}' {subId.Show(unknown)} on line {unknown + 2} is not in the answers");
        }

        var scored = Enumerable.Range(0, ansId.Length).Where(a => keepAnswer[a]).Select(a => Key(ansId, a)).ToHashSet(StringComparer.Ordinal);
        var present = Enumerable.Range(0, subId.Length).Select(s => Key(subId, s)).ToHashSet(StringComparer.Ordinal);
        var sub = subId.SortOrder().Where(s => scored.Contains(Key(subId, s))).ToArray();
        var ans = ansId.SortOrder().Where(a => keepAnswer[a] && present.Contains(Key(ansId, a))).ToArray();
        return sub.Length == ans.Length ? (sub, ans)
            : ans.Length == 1 ? (sub, Enumerable.Repeat(ans[0], sub.Length).ToArray())
            : throw new MleBenchRuleGrader.Rejected($"{ans.Length} scored answer rows against {sub.Length} submission rows (a duplicated '{idColumn}'): NumPy cannot broadcast them");
    }

    // osic: answers.dropna(subset=[first target]), each row's week int(id.split("_")[-1]), then groupby(group).tail(n) of
    // the rows sorted by week: each group's n latest weeks with a value.
    private static bool[] LatestPerGroup(GradingRules rules, string idColumn, PandasTable answers, PandasColumn target, int n)
    {
        var group = rules.GroupBy is { } name
            ? answers[name] ?? throw new UserFacingException($"grading.group_by '{name}': the answers have no such column (columns: {string.Join(", ", answers.Names)})")
            : throw new InvalidOperationException("grading.latest_per_group needs grading.group_by.");
        var id = IdOf(answers, idColumn);
        long Week(int r) => long.TryParse(id.Show(r).Split('_')[^1], System.Globalization.CultureInfo.InvariantCulture, out var week)
            ? week
            : throw new UserFacingException($"answers line {r + 2}: '{idColumn}' {id.Show(r)} does not end in _<week>");
        var keep = new bool[answers.RowCount];
        foreach (var rows in Enumerable.Range(0, answers.RowCount).Where(r => !IsMissing(target, r)).GroupBy(group.Show, StringComparer.Ordinal))
        {
            foreach (var r in rows.OrderByDescending(Week).Take(n))
            {
                keep[r] = true;
            }
        }

        return keep;
    }

    private static bool IsMissing(PandasColumn c, int row) => c.Kind == PandasKind.Number ? double.IsNaN(c.Numbers[row]) : c.Texts[row] is null;

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
