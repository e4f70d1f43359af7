using System.Diagnostics;
using System.Text.Json.Nodes;
using Approvals.Workflows.Definitions;

namespace Approvals.Workflows.Tests.Definitions;

public sealed class FormValidatorTests
{
    private static readonly FormDefinition Filing = new()
    {
        Id = "start",
        Fields =
        [
            new FormField { Name = "majorCode", Label = "专业代码", Required = true, MaxLength = 6, Pattern = "[0-9]{4,6}" },
            new FormField { Name = "majorName", Label = "专业名称", Required = true },
            new FormField { Name = "reason", Label = "申请理由", Type = "textarea" },
            new FormField { Name = "plannedEnrolment", Label = "计划招生人数", Type = "number", Required = true, Min = 1, Max = 500 },
            new FormField { Name = "startDate", Label = "开设日期", Type = "date" },
            new FormField { Name = "shared", Label = "是否共建", Type = "boolean" },
            new FormField { Name = "level", Label = "办学层次", Type = "select", Options = ["中级工", "高级工", "预备技师"] },
            new FormField { Name = "campuses", Label = "开设校区", Type = "multiselect", Options = ["东校区", "西校区"] },
            new FormField { Name = "agreement", Label = "校企合作协议", Type = "file" },
            new FormField
            {
                Name = "teachers", Label = "专任教师", Type = "table",
                Columns =
                [
                    new FormField { Name = "name", Label = "姓名", Required = true },
                    new FormField { Name = "years", Label = "教龄", Type = "number", Min = 0 },
                ],
            },
        ],
    };

    private static JsonObject Valid() => new()
    {
        ["majorCode"] = "660301",
        ["majorName"] = "工业机器人应用与维护",
        ["reason"] = "本地制造业用工需求",
        ["plannedEnrolment"] = 45,
        ["startDate"] = "2025-09-01",
        ["shared"] = true,
        ["level"] = "高级工",
        ["campuses"] = new JsonArray("东校区", "西校区"),
        ["agreement"] = new JsonArray("att-1", "att-2"),
        ["teachers"] = new JsonArray(new JsonObject { ["name"] = "王老师", ["years"] = 12 }),
    };

    [Fact]
    public void Validate_CompleteValidForm_HasNoErrors()
    {
        Assert.Empty(FormValidator.Validate(Filing, Valid()));
        Assert.Empty(FormValidator.Validate(Filing, JsonNode.Parse(Valid().ToJsonString())!.AsObject()));
    }

    [Fact]
    public void Validate_RequiredFieldsMissingOrBlank_NameEachLabel()
    {
        var data = Valid();
        data.Remove("majorName");
        data["majorCode"] = "  ";
        data["plannedEnrolment"] = null;

        var errors = FormValidator.Validate(Filing, data);

        Assert.Equal(["majorCode", "majorName", "plannedEnrolment"], errors.Keys.Order());
        Assert.Equal("请填写“专业名称”。", Assert.Single(errors["majorName"]));
        Assert.Contains("专业代码", Assert.Single(errors["majorCode"]));
    }

    [Fact]
    public void Validate_Partial_SkipsAbsentRequiredFieldsButNotBlankedOnes()
    {
        Assert.Empty(FormValidator.Validate(Filing, new JsonObject { ["plannedEnrolment"] = 60 }, partial: true));

        var errors = FormValidator.Validate(Filing, new JsonObject { ["majorName"] = "", ["plannedEnrolment"] = 0 }, partial: true);

        Assert.Equal(["majorName", "plannedEnrolment"], errors.Keys.Order());
        Assert.Equal("“计划招生人数”不能小于 1。", Assert.Single(errors["plannedEnrolment"]));
    }

    public static TheoryData<string, JsonNode, string> WrongTypes() => new()
    {
        { "majorName", 42, "“专业名称”应为文字。" },
        { "reason", new JsonArray("a"), "“申请理由”应为文字。" },
        { "plannedEnrolment", "45", "“计划招生人数”应为数字。" },
        { "startDate", "2025/09/01", "“开设日期”应为日期，格式如 2025-07-31。" },
        { "startDate", "2025-02-30", "“开设日期”应为日期，格式如 2025-07-31。" },
        { "shared", "是", "“是否共建”应为“是”或“否”。" },
        { "level", "技师", "“办学层次”只能从选项中选择：中级工、高级工、预备技师。" },
        { "campuses", "东校区", "“开设校区”只能从选项中选择：东校区、西校区。" },
        { "campuses", new JsonArray("东校区", "南校区"), "“开设校区”只能从选项中选择：东校区、西校区。" },
        { "agreement", 7, "“校企合作协议”应为上传的附件。" },
        { "agreement", new JsonArray("att-1", 2), "“校企合作协议”应为上传的附件。" },
        { "teachers", new JsonObject { ["name"] = "王老师" }, "“专任教师”应为表格（若干行）。" },
    };

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public void Validate_WrongJsonType_IsAnErrorOnThatField(string field, JsonNode value, string expected)
    {
        var data = Valid();
        data[field] = value.DeepClone();

        var errors = FormValidator.Validate(Filing, data);

        Assert.Equal(field, Assert.Single(errors.Keys));
        Assert.Equal(expected, Assert.Single(errors[field]));
    }

    [Fact]
    public void Validate_SingleAttachmentId_IsAccepted()
    {
        var data = Valid();
        data["agreement"] = "att-9";

        Assert.Empty(FormValidator.Validate(Filing, data));
    }

    [Fact]
    public void Validate_LimitsBroken_NameTheLimit()
    {
        var data = Valid();
        data["plannedEnrolment"] = 501;
        data["majorCode"] = "6603011";

        var errors = FormValidator.Validate(Filing, data);

        Assert.Equal("“计划招生人数”不能大于 500。", Assert.Single(errors["plannedEnrolment"]));
        Assert.Equal(["“专业代码”不能超过 6 个字。", "“专业代码”的格式不正确。"], errors["majorCode"]);
    }

    [Fact]
    public void Validate_PatternMatchingOnlyPartOfTheValue_IsAnError()
    {
        var data = Valid();
        data["majorCode"] = "66a03";

        Assert.Equal("“专业代码”的格式不正确。", Assert.Single(FormValidator.Validate(Filing, data)["majorCode"]));
    }

    [Fact]
    public void Validate_BadPattern_IsAValidationErrorNotACrash()
    {
        var form = new FormDefinition { Id = "f", Fields = [new FormField { Name = "code", Label = "编码", Pattern = "([0-9" }] };

        var errors = FormValidator.Validate(form, new JsonObject { ["code"] = "12" });

        Assert.Contains("格式规则有误", Assert.Single(errors["code"]));
    }

    [Fact]
    public void Validate_CatastrophicPattern_TimesOutAsAnError()
    {
        var form = new FormDefinition { Id = "f", Fields = [new FormField { Name = "code", Label = "编码", Pattern = "(x+x+)+y" }] };

        var watch = Stopwatch.StartNew();
        var errors = FormValidator.Validate(form, new JsonObject { ["code"] = new string('x', 5000) });

        Assert.Contains("超时", Assert.Single(errors["code"]));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Validate_UnknownField_IsNamed()
    {
        var data = Valid();
        data["majorNmae"] = "拼错的字段";

        Assert.Equal("表单中没有字段“majorNmae”。", Assert.Single(FormValidator.Validate(Filing, data)["majorNmae"]));
    }

    [Fact]
    public void Validate_TableRows_AreCheckedCellByCell()
    {
        var data = Valid();
        data["teachers"] = new JsonArray(
            new JsonObject { ["name"] = "王老师", ["years"] = 12 },
            new JsonObject { ["years"] = -1, ["title"] = "讲师" },
            "李老师");

        var errors = FormValidator.Validate(Filing, data);

        Assert.Equal(["teachers[1].name", "teachers[1].title", "teachers[1].years", "teachers[2]"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("请填写“姓名”。", Assert.Single(errors["teachers[1].name"]));
        Assert.Equal("“教龄”不能小于 0。", Assert.Single(errors["teachers[1].years"]));
        Assert.Equal("“专任教师”第 2 行没有“title”这一列。", Assert.Single(errors["teachers[1].title"]));
        Assert.Equal("“专任教师”第 3 行格式不正确。", Assert.Single(errors["teachers[2]"]));
    }
}
