using Approvals.Host.Features.Exports;
using Microsoft.Extensions.Time.Testing;

namespace Approvals.Host.Tests.Features.Exports;

/// <summary>The notice texts as Liquid: the shipped 公示 and 公告 read like official documents; a drafted template's mistakes are Chinese messages.</summary>
public sealed class NoticeTemplatesTests
{
    private static readonly NoticeTemplates Templates = new(new FakeTimeProvider(ExportsHost.Start));

    private static readonly NoticeModel Model = new(
        new NoticeBatch("2026年工学一体化第一批", "c1"),
        [new NoticeItem(1, 1, "呼和浩特技师学院", "呼和浩特市", "数控加工技术", "92.5", ""), new NoticeItem(2, 3, "包头技师学院", "包头市", "焊接加工", "85", "")],
        new NoticePeriod(5, "2026年3月2日", "2026年3月9日", Held: true),
        "自治区人社厅职业能力建设处（电话 0471-1234567）", "内蒙古自治区人力资源和社会保障厅", "2026年3月2日");

    [Fact]
    public async Task RenderShipped_Notice_TitleBodyListPeriodObjectionsAndClosing()
    {
        var text = (await Templates.RenderShippedAsync(NoticeTemplates.Notice, Model)).Text!;

        var lines = text.Split('\n');
        Assert.Equal("关于2026年工学一体化第一批遴选结果的公示", lines[0]);
        Assert.Equal("", lines[1]);
        Assert.Contains("拟确定以下2个项目入选，现予以公示：\n1. 呼和浩特技师学院（呼和浩特市）：数控加工技术\n2. 包头技师学院（包头市）：焊接加工\n公示时间为2026年3月2日至2026年3月9日，共5个工作日。", text, StringComparison.Ordinal);
        Assert.Contains("以书面形式向自治区人社厅职业能力建设处（电话 0471-1234567）反映", text, StringComparison.Ordinal);
        Assert.EndsWith("\n\n内蒙古自治区人力资源和社会保障厅\n2026年3月2日", text, StringComparison.Ordinal);
        Assert.DoesNotContain("{", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, "2026年工学一体化第一批遴选结果已于2026年3月2日至2026年3月9日公示5个工作日。经学校申报、盟市推荐、专家评审和公示，现将入选名单（共2个项目）公布如下：")]
    [InlineData(false, "经学校申报、盟市推荐、专家评审，现将入选名单（共2个项目）公布如下：")]
    public async Task RenderShipped_Announcement_NamesThePublicNoticeOnlyOnceHeld(bool held, string body)
    {
        var text = (await Templates.RenderShippedAsync(NoticeTemplates.Announcement, Model with { Period = Model.Period with { Held = held } })).Text!;

        Assert.StartsWith("关于公布2026年工学一体化第一批入选名单的公告\n\n" + body + "\n1. 呼和浩特技师学院", text, StringComparison.Ordinal);
        Assert.EndsWith("内蒙古自治区人力资源和社会保障厅\n2026年3月2日", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{% for item in selected %}{{ item.title }}", "模板语法错误")]
    [InlineData("关于{{ batch.title 的公示", "模板语法错误：第 1 行第")]
    [InlineData("{{ batch.name }}", "模板使用了不存在的字段“name”。")]
    [InlineData("{{ issuer | shout }}", "模板使用了不存在的过滤器“shout”。")]
    [InlineData("{% for i in (1..1000000) %}{{ i }}{% endfor %}", "模板执行的步骤过多")]
    [InlineData("{% if false %}x{% endif %}", "模板生成的文本为空。")]
    public async Task RenderDraft_Mistake_IsAChineseMessage(string template, string message)
    {
        var rendering = await Templates.RenderDraftAsync(template, Model);

        Assert.Null(rendering.Text);
        Assert.StartsWith(message, rendering.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RenderDraft_NowAndDates_ReadTheHostClockInBeijing()
    {
        var rendering = await Templates.RenderDraftAsync("{{ 'now' | date: '%Y-%m-%d %H:%M' }}｜{{ selected | map: 'orgName' | join: '、' }}", Model);

        Assert.Equal("2026-03-02 09:00｜呼和浩特技师学院、包头技师学院", rendering.Text);
    }

    [Fact]
    public void ReadShipped_EveryKind_IsAnEmbeddedTemplate() =>
        Assert.All(NoticeTemplates.KindNames.Keys, kind => Assert.Contains("{{ issuer }}", NoticeTemplates.ReadShipped(kind), StringComparison.Ordinal));
}
