using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Jalon.Web.TagHelpers;

/// <summary>Shared plumbing of the DSFR form tag helpers: names, ids, values and errors of a bound field.</summary>
public abstract class DsfrFieldTagHelper : TagHelper
{
    [HtmlAttributeName("for")]
    public ModelExpression For { get; set; } = default!;

    [HtmlAttributeName("label")]
    public string Label { get; set; } = "";

    [HtmlAttributeName("hint")]
    public string? Hint { get; set; }

    [HtmlAttributeName("required")]
    public bool Required { get; set; }

    [HtmlAttributeName("disabled")]
    public bool Disabled { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    protected static readonly HtmlEncoder Enc = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    protected string Name => For.Name;

    protected string Id => FieldId(Name);

    public static string FieldId(string name) => name.Replace('.', '_').Replace('[', '_').Replace(']', '_');

    protected IReadOnlyList<string> Errors =>
        ViewContext.ModelState.TryGetValue(Name, out var entry) && entry.ValidationState == ModelValidationState.Invalid
            ? entry.Errors.Select(e => e.ErrorMessage).Where(m => !string.IsNullOrEmpty(m)).ToList()
            : [];

    /// <summary>What the user typed when the form came back, else the model's value in its input format.</summary>
    protected string? Value
    {
        get
        {
            if (ViewContext.ModelState.TryGetValue(Name, out var entry) && entry.AttemptedValue is not null) return entry.AttemptedValue;
            return Format(For.Model);
        }
    }

    public static string? Format(object? value) => value switch
    {
        null => null,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    protected string LabelHtml(string forId)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<label class=\"fr-label\" for=\"{forId}\">{Enc.Encode(Label)}");
        if (Required) sb.Append(" <span class=\"jalon-required\" aria-hidden=\"true\">*</span>");
        if (!string.IsNullOrEmpty(Hint)) sb.Append(CultureInfo.InvariantCulture, $"<span class=\"fr-hint-text\">{Enc.Encode(Hint)}</span>");
        sb.Append("</label>");
        return sb.ToString();
    }

    protected string ErrorsHtml(string messagesId)
    {
        var errors = Errors;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<div class=\"fr-messages-group\" id=\"{messagesId}\" aria-live=\"polite\">");
        foreach (var e in errors) sb.Append(CultureInfo.InvariantCulture, $"<p class=\"fr-message fr-message--error\">{Enc.Encode(e)}</p>");
        sb.Append("</div>");
        return sb.ToString();
    }
}

/// <summary><c>&lt;dsfr-input for="Input.Nom" label="Nom" type="text|date|number|email|password|textarea" /&gt;</c></summary>
[HtmlTargetElement("dsfr-input", TagStructure = TagStructure.WithoutEndTag)]
public sealed class DsfrInputTagHelper : DsfrFieldTagHelper
{
    [HtmlAttributeName("type")]
    public string Type { get; set; } = "text";

    [HtmlAttributeName("autocomplete")]
    public string? Autocomplete { get; set; }

    [HtmlAttributeName("list")]
    public string? List { get; set; }

    [HtmlAttributeName("min")]
    public string? Min { get; set; }

    [HtmlAttributeName("max")]
    public string? Max { get; set; }

    [HtmlAttributeName("pattern")]
    public string? Pattern { get; set; }

    [HtmlAttributeName("inputmode")]
    public string? InputMode { get; set; }

    [HtmlAttributeName("rows")]
    public int Rows { get; set; } = 4;

    /// <summary>The longest text accepted (see <c>Jalon.Domain.TextLimits</c>); the server checks it too.</summary>
    [HtmlAttributeName("maxlength")]
    public int? MaxLength { get; set; }

    [HtmlAttributeName("class")]
    public string? GroupClass { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var errors = Errors;
        var messages = Id + "-messages";
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "fr-input-group" + (errors.Count > 0 ? " fr-input-group--error" : "") + (Disabled ? " fr-input-group--disabled" : "") + (GroupClass is null ? "" : " " + GroupClass));
        output.Attributes.SetAttribute("id", Id + "-group");
        var sb = new StringBuilder(LabelHtml(Id));
        var attrs = new StringBuilder();
        attrs.Append(CultureInfo.InvariantCulture, $" class=\"fr-input{(errors.Count > 0 ? " fr-input--error" : "")}\" id=\"{Id}\" name=\"{Enc.Encode(Name)}\" aria-describedby=\"{messages}\"");
        if (errors.Count > 0) attrs.Append(" aria-invalid=\"true\"");
        if (Required) attrs.Append(" required");
        if (Disabled) attrs.Append(" disabled");
        if (Autocomplete is not null) attrs.Append(CultureInfo.InvariantCulture, $" autocomplete=\"{Enc.Encode(Autocomplete)}\"");
        if (List is not null) attrs.Append(CultureInfo.InvariantCulture, $" list=\"{Enc.Encode(List)}\"");
        if (Min is not null) attrs.Append(CultureInfo.InvariantCulture, $" min=\"{Enc.Encode(Min)}\"");
        if (Max is not null) attrs.Append(CultureInfo.InvariantCulture, $" max=\"{Enc.Encode(Max)}\"");
        if (Pattern is not null) attrs.Append(CultureInfo.InvariantCulture, $" pattern=\"{Enc.Encode(Pattern)}\"");
        if (InputMode is not null) attrs.Append(CultureInfo.InvariantCulture, $" inputmode=\"{Enc.Encode(InputMode)}\"");
        if (MaxLength is { } maxLength) attrs.Append(CultureInfo.InvariantCulture, $" maxlength=\"{maxLength}\"");
        var value = Type == "password" ? null : Value;
        if (Type == "textarea")
        {
            sb.Append(CultureInfo.InvariantCulture, $"<textarea{attrs} rows=\"{Rows}\">{Enc.Encode(value ?? "")}</textarea>");
        }
        else
        {
            sb.Append(CultureInfo.InvariantCulture, $"<input{attrs} type=\"{Enc.Encode(Type)}\"");
            if (value is not null) sb.Append(CultureInfo.InvariantCulture, $" value=\"{Enc.Encode(value)}\"");
            sb.Append('>');
        }
        sb.Append(ErrorsHtml(messages));
        output.Content.SetHtmlContent(sb.ToString());
    }
}

/// <summary><c>&lt;dsfr-select for="Input.Mode" label="Mode" items="…" placeholder="Choisir" /&gt;</c></summary>
[HtmlTargetElement("dsfr-select", TagStructure = TagStructure.WithoutEndTag)]
public sealed class DsfrSelectTagHelper : DsfrFieldTagHelper
{
    [HtmlAttributeName("items")]
    public IEnumerable<(string Value, string Label)> Items { get; set; } = [];

    [HtmlAttributeName("placeholder")]
    public string? Placeholder { get; set; } = "Sélectionner une option";

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var errors = Errors;
        var messages = Id + "-messages";
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "fr-select-group" + (errors.Count > 0 ? " fr-select-group--error" : "") + (Disabled ? " fr-select-group--disabled" : ""));
        output.Attributes.SetAttribute("id", Id + "-group");
        var sb = new StringBuilder(LabelHtml(Id));
        sb.Append(CultureInfo.InvariantCulture, $"<select class=\"fr-select{(errors.Count > 0 ? " fr-select--error" : "")}\" id=\"{Id}\" name=\"{Enc.Encode(Name)}\" aria-describedby=\"{messages}\"");
        if (errors.Count > 0) sb.Append(" aria-invalid=\"true\"");
        if (Required) sb.Append(" required");
        if (Disabled) sb.Append(" disabled");
        sb.Append('>');
        var current = Value ?? "";
        if (Placeholder is not null)
            sb.Append(CultureInfo.InvariantCulture, $"<option value=\"\"{(current.Length == 0 ? " selected" : "")}{(Required ? " disabled hidden" : "")}>{Enc.Encode(Placeholder)}</option>");
        foreach (var (value, label) in Items)
        {
            var selected = string.Equals(value, current, StringComparison.Ordinal) ? " selected" : "";
            sb.Append(CultureInfo.InvariantCulture, $"<option value=\"{Enc.Encode(value)}\"{selected}>{Enc.Encode(label)}</option>");
        }
        sb.Append("</select>");
        sb.Append(ErrorsHtml(messages));
        output.Content.SetHtmlContent(sb.ToString());
    }
}

/// <summary><c>&lt;dsfr-checkbox for="Input.Qpv" label="Habite un QPV" /&gt;</c> (with the hidden "false" of MVC's binding).</summary>
[HtmlTargetElement("dsfr-checkbox", TagStructure = TagStructure.WithoutEndTag)]
public sealed class DsfrCheckboxTagHelper : DsfrFieldTagHelper
{
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var errors = Errors;
        var messages = Id + "-messages";
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "fr-checkbox-group" + (errors.Count > 0 ? " fr-checkbox-group--error" : ""));
        output.Attributes.SetAttribute("id", Id + "-group");
        var isChecked = string.Equals(Value, "true", StringComparison.OrdinalIgnoreCase) || (Value?.StartsWith("true,", StringComparison.OrdinalIgnoreCase) ?? false);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<input type=\"checkbox\" id=\"{Id}\" name=\"{Enc.Encode(Name)}\" value=\"true\" aria-describedby=\"{messages}\"{(isChecked ? " checked" : "")}{(Disabled ? " disabled" : "")}{(errors.Count > 0 ? " aria-invalid=\"true\"" : "")}>");
        sb.Append(LabelHtml(Id));
        sb.Append(ErrorsHtml(messages));
        sb.Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"{Enc.Encode(Name)}\" value=\"false\">");
        output.Content.SetHtmlContent(sb.ToString());
    }
}

/// <summary>
/// <c>&lt;dsfr-error-summary /&gt;</c>: a DSFR error alert listing every error of the form, each linked to its
/// field, focused on load so that screen readers announce it (RGAA 11.10 / 11.11).
/// </summary>
[HtmlTargetElement("dsfr-error-summary", TagStructure = TagStructure.WithoutEndTag)]
public sealed class DsfrErrorSummaryTagHelper : TagHelper
{
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    /// <summary>Field names in the order of the form (comma-separated): the summary lists errors in that order.</summary>
    [HtmlAttributeName("order")]
    public string? FieldOrder { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var state = ViewContext.ModelState;
        var order = (FieldOrder ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
        int Rank(string key) => order.IndexOf(key) is var i and >= 0 ? i : order.Count;
        if (state.IsValid)
        {
            output.SuppressOutput();
            return;
        }
        var enc = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
        var count = state.Values.Sum(v => v.Errors.Count);
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "fr-alert fr-alert--error fr-mb-4w jalon-error-summary");
        output.Attributes.SetAttribute("id", "resume-erreurs");
        output.Attributes.SetAttribute("role", "alert");
        output.Attributes.SetAttribute("tabindex", "-1");
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<h2 class=\"fr-alert__title\">{(count > 1 ? $"Le formulaire contient {count} erreurs" : "Le formulaire contient une erreur")}</h2><ul>");
        foreach (var (key, entry) in state.Select(kv => (kv.Key, kv.Value)).OrderBy(kv => Rank(kv.Key)).ToList())
        {
            if (entry is null) continue;
            foreach (var error in entry.Errors)
            {
                if (string.IsNullOrEmpty(key))
                    sb.Append(CultureInfo.InvariantCulture, $"<li>{enc.Encode(error.ErrorMessage)}</li>");
                else
                    sb.Append(CultureInfo.InvariantCulture, $"<li><a href=\"#{DsfrFieldTagHelper.FieldId(key)}\">{enc.Encode(error.ErrorMessage)}</a></li>");
            }
        }
        sb.Append("</ul>");
        output.Content.SetHtmlContent(sb.ToString());
    }
}
