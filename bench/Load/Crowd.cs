// The virtual users of the load benchmark: schools filing majors (专业增设备案) and the cities' reviewers working
// through their 待办, each a signed-in session of a demo account. Sessions are kept from one level to the next, so a
// larger level only signs in the extra ones.
using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Approvals.Bench.Load;

public sealed class Crowd(Uri address) : IDisposable
{
    /// <summary>The work list's page size, as 工作台 asks for it.</summary>
    public const int PageSize = 20;

    private const string DefinitionId = "major-addition-filing";

    /// <summary>How far a level's window may run past its duration while a kind of request still has no answer.</summary>
    private static readonly TimeSpan LongestStretch = TimeSpan.FromSeconds(30);

    /// <summary>The demo schools and the city whose reviewers get their filings.</summary>
    private static readonly (string School, string City)[] Schools = [("school", "hohhot"), ("school2", "hohhot"), ("school3", "baotou")];

    private readonly List<ApiSession> schools = [];
    private readonly List<ApiSession> reviewers = [];
    private readonly Dictionary<string, ApiSession> fillers = [];
    private readonly Dictionary<string, int> ranks = [];
    private readonly string decision = ApprovalOfTheCityStep().ToJsonString();

    /// <summary>Schools file a third of the crowd (at least one); the cities' reviewers are the rest, two for 呼和浩特 to one for 包头, as the filings go.</summary>
    public static (int Schools, int Reviewers) Split(int users)
    {
        var schoolUsers = Math.Max(1, users / 3);
        return (schoolUsers, users - schoolUsers);
    }

    /// <summary>How many of the first <paramref name="reviewerUsers"/> reviewer sessions belong to each city's account.</summary>
    public static IReadOnlyDictionary<string, int> ReviewersPerCity(int reviewerUsers) =>
        Enumerable.Range(0, reviewerUsers).GroupBy(CityOfReviewer).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>Signs in the sessions a level of <paramref name="users"/> needs beyond those already signed in.</summary>
    public async Task GrowAsync(int users, string password)
    {
        foreach (var (school, _) in Schools)
        {
            if (!fillers.ContainsKey(school))
            {
                fillers[school] = await ApiSession.SignInAsync(address, school, password, 0);
            }
        }

        var (schoolUsers, reviewerUsers) = Split(users);
        var wanted = Enumerable.Range(schools.Count, Math.Max(0, schoolUsers - schools.Count)).Select(i => (List: schools, UserName: Schools[i % Schools.Length].School))
            .Concat(Enumerable.Range(reviewers.Count, Math.Max(0, reviewerUsers - reviewers.Count)).Select(j => (List: reviewers, UserName: CityOfReviewer(j))))
            .Select(w => (w.List, w.UserName, Rank: NextRank(w.UserName)))
            .ToList();

        // Signing in hashes a password (deliberately slow): a few at a time, so the Host is not flooded before measuring.
        using var gate = new SemaphoreSlim(4);
        var signedIn = await Task.WhenAll(wanted.Select(async w =>
        {
            await gate.WaitAsync();
            try
            {
                return (w.List, Session: await ApiSession.SignInAsync(address, w.UserName, password, w.Rank));
            }
            finally
            {
                gate.Release();
            }
        }));
        foreach (var (list, session) in signedIn)
        {
            list.Add(session);
        }
    }

    /// <summary>
    /// Files cases (unmeasured) until each city's 待办 holds a task for every reviewer session of that city plus a page,
    /// so every session finds one at its own place when the level starts.
    /// </summary>
    public async Task FillQueuesAsync(int users)
    {
        var perCity = ReviewersPerCity(Split(users).Reviewers);
        var recorder = new LoadRecorder(int.MaxValue) { Measuring = true };
        foreach (var (city, sessions) in perCity)
        {
            var missing = sessions + PageSize - await reviewers.First(r => r.UserName == city).CountTodoAsync();
            var cityFillers = Schools.Where(s => s.City == city).Select(s => fillers[s.School]).ToArray();
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < missing)
                {
                    await cityFillers[i % cityFillers.Length].StartCaseAsync(recorder, Filing(i));
                }
            }));
        }

        if (recorder[RequestKind.Start].Errors > 0)
        {
            throw new InvalidOperationException($"Filing cases before the level failed: {string.Join("; ", recorder.ErrorSamples)}");
        }
    }

    /// <summary>The trivial baseline: every one of <paramref name="users"/> sessions asks for /health, back to back.</summary>
    public Task<(LoadRecorder Recorder, TimeSpan Measured)> RunBaselineAsync(int users, LoadWindow window) =>
        RunAsync(window, [RequestKind.Health], recorder => [.. schools.Concat(reviewers).Take(users).Select(session => Loop(_ => session.CheckHealthAsync(recorder)))]);

    /// <summary>The level: schools file, reviewers list 待办, take the task at their place and approve it, each thinking between requests.</summary>
    public Task<(LoadRecorder Recorder, TimeSpan Measured)> RunLevelAsync(int users, LoadWindow window)
    {
        var (schoolUsers, reviewerUsers) = Split(users);
        var filed = 0;
        return RunAsync(window, [RequestKind.Start, RequestKind.List, RequestKind.Approve], recorder =>
        [
            .. schools.Take(schoolUsers).Select(school => Loop(async token =>
            {
                await school.StartCaseAsync(recorder, Filing(Interlocked.Increment(ref filed)));
                await ThinkAsync(window.Think, token);
            })),
            .. reviewers.Where(r => r.Rank < RanksInUse(reviewerUsers, r.UserName)).Select(reviewer => Loop(async token =>
            {
                var (answered, taskId) = await reviewer.ListTodoAsync(recorder, reviewer.Rank / PageSize + 1, PageSize, reviewer.Rank % PageSize);
                if (answered && taskId is null)
                {
                    recorder.RecordEmptyLook();
                }

                await ThinkAsync(window.Think, token);
                if (taskId is not null)
                {
                    await reviewer.ApproveAsync(recorder, taskId, decision);
                    await ThinkAsync(window.Think, token);
                }
            })),
        ]);
    }

    public void Dispose()
    {
        foreach (var session in schools.Concat(reviewers).Concat(fillers.Values))
        {
            session.Dispose();
        }
    }

    private static string CityOfReviewer(int index) => index % 3 == 2 ? "baotou" : "hohhot";

    private static int RanksInUse(int reviewerUsers, string city) => ReviewersPerCity(reviewerUsers).GetValueOrDefault(city);

    /// <summary>
    /// Measures for the window's duration, and on past it (at most <see cref="LongestStretch"/>) until each of the
    /// <paramref name="kinds"/> has had an answer: on a stalled machine a two-second smoke window could end while every
    /// reviewer was still waiting to approve, with no 待办 answered to give a throughput or a latency.
    /// </summary>
    private static async Task<(LoadRecorder, TimeSpan)> RunAsync(
        LoadWindow window, RequestKind[] kinds, Func<LoadRecorder, Func<CancellationToken, Task>[]> users)
    {
        var recorder = new LoadRecorder(window.RequestCap);
        using var stop = new CancellationTokenSource();
        var running = users(recorder).Select(user => Task.Run(() => user(stop.Token))).ToArray();
        await Task.Delay(window.WarmUp);
        recorder.Measuring = true;
        var clock = Stopwatch.StartNew();
        await Task.WhenAny(Task.Delay(window.Duration), recorder.CapReached);
        while (!recorder.CapReached.IsCompleted && clock.Elapsed < window.Duration + LongestStretch && kinds.Any(k => recorder[k].Answered == 0))
        {
            await Task.Delay(50);
        }

        recorder.Measuring = false;
        var measured = clock.Elapsed;
        await stop.CancelAsync();
        await Task.WhenAll(running);
        return (recorder, measured);
    }

    /// <summary>A virtual user: its step again and again until the level stops (a request under way is let finish).</summary>
    private static Func<CancellationToken, Task> Loop(Func<CancellationToken, Task> step) => async token =>
    {
        try
        {
            while (!token.IsCancellationRequested)
            {
                await step(token);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // the level ended during a pause
        }
    };

    /// <summary>A person reading before the next click: half to one and a half times the mean.</summary>
    private static Task ThinkAsync(TimeSpan mean, CancellationToken token) =>
        mean <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(mean * (0.5 + Random.Shared.NextDouble()), token);

    private int NextRank(string userName)
    {
        var rank = ranks.GetValueOrDefault(userName);
        ranks[userName] = rank + 1;
        return rank;
    }

    /// <summary>The README's filing of 数控加工技术, numbered so the cases can be told apart.</summary>
    private static JsonObject Filing(int number) => new()
    {
        ["definitionId"] = DefinitionId,
        ["title"] = $"专业增设备案 数控加工技术 {number}",
        ["form"] = new JsonObject
        {
            ["majorCode"] = "0103",
            ["majorName"] = "数控加工技术",
            ["teachers"] = 12,
            ["trainingFacilities"] = "数控实训楼",
            ["partnerEnterprise"] = "内蒙古第一机械集团",
            ["labourDemand"] = "需求旺盛",
            ["plannedEnrolment"] = 45,
        },
    };

    /// <summary>The city's evaluation: every item of the step's checklist (read from the shipped definition) 符合.</summary>
    private static JsonObject ApprovalOfTheCityStep()
    {
        var file = Path.Combine(HostProcess.RepositoryRoot(), "definitions", DefinitionId + ".json");
        var definition = JsonNode.Parse(File.ReadAllText(file))!;
        var city = definition["nodes"]!.AsArray().Single(n => (string?)n!["id"] == "city")!;
        var checklist = new JsonArray([.. city["inputs"]!["checklist"]!.AsArray()
            .Select(item => (JsonNode)new JsonObject { ["item"] = (string?)item, ["verdict"] = "符合" })]);
        return new JsonObject { ["comment"] = "经评估，符合专业设置标准，同意推荐。", ["data"] = new JsonObject { ["checklist"] = checklist } };
    }
}

/// <summary>How one level runs: warm-up, measured duration, a cap on measured requests, and the mean pause between a user's requests.</summary>
public sealed record LoadWindow(TimeSpan WarmUp, TimeSpan Duration, int RequestCap, TimeSpan Think);
