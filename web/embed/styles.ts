/**
 * The widget's stylesheet, inside its shadow root: the page's CSS does not reach in (`all:
 * initial` stops inherited fonts, sizes and colours too) and nothing here leaks out. Newsrooms
 * theme it with the documented `--newsroom-comments-*` custom properties (they pierce the shadow
 * boundary by design) and the `part` names. Sizes in rem/em, so it follows the reader's zoom.
 */
export const CSS = `
:host{all:initial;display:block;contain:content;
--c-text:var(--newsroom-comments-color-text,#1b1b1b);
--c-muted:var(--newsroom-comments-color-muted,#545454);
--c-bg:var(--newsroom-comments-color-background,#fff);
--c-surface:var(--newsroom-comments-color-surface,#f4f4f2);
--c-accent:var(--newsroom-comments-color-accent,#0b57d0);
--c-on-accent:var(--newsroom-comments-color-on-accent,#fff);
--c-border:var(--newsroom-comments-color-border,#767676);
--c-error:var(--newsroom-comments-color-error,#b3261e);
--c-line:var(--newsroom-comments-color-line,#d6d6d1);
--c-featured:var(--newsroom-comments-color-featured,#7a4b00);
--r:var(--newsroom-comments-radius,6px);
--s:var(--newsroom-comments-spacing,1rem);
font-family:var(--newsroom-comments-font,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif);
font-size:var(--newsroom-comments-font-size,1rem);line-height:1.5;color:var(--c-text);background:var(--c-bg)}
:host([hidden]){display:none}
*{box-sizing:border-box}
section{max-width:100%;overflow-wrap:anywhere}
h2{font-size:1.4em;margin:0 0 calc(var(--s)/2)}
h3{font-size:1.1em;margin:var(--s) 0 calc(var(--s)/2)}
p{margin:0 0 calc(var(--s)/2)}
ol{list-style:none;margin:0;padding:0}
li{margin:0 0 var(--s)}
article{padding:calc(var(--s)*.75);border:1px solid var(--c-line);border-radius:var(--r);background:var(--c-bg)}
article:focus{outline:3px solid var(--c-accent);outline-offset:2px}
article.featured{border-color:var(--c-featured)}
article.pending{border-style:dashed;border-color:var(--c-border);background:var(--c-surface)}
.meta{display:flex;flex-wrap:wrap;gap:.25em .75em;align-items:baseline;font-size:.9em;color:var(--c-muted)}
.author{font-weight:700;color:var(--c-text)}
.body{white-space:pre-wrap;margin:.5em 0}
.removed{font-style:italic;color:var(--c-muted)}
.badge{display:inline-block;padding:0 .5em;border-radius:var(--r);font-size:.85em;font-weight:700;color:var(--c-featured);border:1px solid currentColor}
.pending .badge{color:var(--c-muted)}
.actions{display:flex;flex-wrap:wrap;gap:.5em}
.replies{margin:calc(var(--s)/2) 0 0 clamp(.5rem,4vw,2rem);padding-left:calc(var(--s)/2);border-left:3px solid var(--c-surface)}
button,input,textarea,select{font:inherit;color:inherit}
button{cursor:pointer;border-radius:var(--r);padding:.4em .9em;border:1px solid var(--c-accent);background:var(--c-bg);color:var(--c-accent);min-height:2.25em}
button.primary{background:var(--c-accent);color:var(--c-on-accent)}
button.link{border-color:transparent;padding:.2em .4em;text-decoration:underline}
button:disabled{opacity:.6;cursor:default}
button:focus-visible,input:focus-visible,textarea:focus-visible,select:focus-visible{outline:3px solid var(--c-accent);outline-offset:2px}
form{display:grid;gap:calc(var(--s)*.75);margin:0 0 var(--s);padding:calc(var(--s)*.75);border-radius:var(--r);background:var(--c-surface)}
label,legend{display:block;font-weight:600}
fieldset{border:0;margin:0;padding:0}
fieldset label{font-weight:400}
input[type=text],input[type=email],textarea,select{display:block;width:100%;max-width:40em;padding:.45em .6em;border:1px solid var(--c-border);border-radius:var(--r);background:var(--c-bg)}
select{width:auto}
textarea{min-height:7em;resize:vertical}
[aria-invalid=true]{border-color:var(--c-error);border-width:2px}
.hint{font-size:.9em;color:var(--c-muted);margin:.2em 0 0}
.error{color:var(--c-error);font-weight:600;margin:.2em 0 0}
.error:empty{display:none}
.note{padding:calc(var(--s)*.75);border-left:4px solid var(--c-accent);background:var(--c-surface);border-radius:var(--r)}
.note:empty{display:none}
.note:focus{outline:3px solid var(--c-accent)}
.bar{display:flex;flex-wrap:wrap;gap:.5em 1em;align-items:center;margin:var(--s) 0}
.bar label{display:inline;margin-right:.4em}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
`;
