/**
 * The article page's whole stylesheet, one <style> element: the page's CSP allows exactly this
 * text by its hash (csp.ts), so no other style and no script can run. Plain CSS for any width from
 * 320 px: one column, fluid type, images never wider than the column.
 */
export const ARTICLE_PAGE_CSS = `
:root{color-scheme:light;--ink:#1a1a1a;--muted:#555;--rule:#ddd;--accent:#8a1c1c;--note:#fff4d6}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#fff;color:var(--ink);font:1.0625rem/1.6 Georgia,'Times New Roman',serif}
.notice{margin:0;padding:.75rem 1rem;background:var(--note);border-bottom:1px solid #e0c97a;font:0.9375rem/1.4 system-ui,sans-serif}
main{max-width:42rem;margin:0 auto;padding:1.5rem 1rem 3rem}
header.story{margin-bottom:1.5rem}
.kicker{margin:0 0 .5rem;font:700 .8125rem/1.3 system-ui,sans-serif;letter-spacing:.06em;text-transform:uppercase;color:var(--accent)}
h1{margin:0 0 .75rem;font-size:clamp(1.75rem,5vw + .5rem,2.75rem);line-height:1.15;overflow-wrap:anywhere}
.standfirst{margin:0 0 1rem;font-size:1.25rem;line-height:1.45;color:#333}
.meta{margin:0;font:.9375rem/1.5 system-ui,sans-serif;color:var(--muted)}
.byline{font-weight:600;color:var(--ink)}
h2,h3,h4{font-family:system-ui,sans-serif;line-height:1.25;margin:2rem 0 .75rem;overflow-wrap:anywhere}
h2{font-size:1.375rem}h3{font-size:1.1875rem}h4{font-size:1.0625rem}
p,ul,ol{margin:0 0 1.1rem}
p,li{overflow-wrap:anywhere}
ul,ol{padding-left:1.5rem}
li{margin-bottom:.35rem}
a{color:#0b4f9c;text-underline-offset:.15em}
a:focus-visible{outline:3px solid #0b4f9c;outline-offset:2px}
figure{margin:1.75rem 0}
figure.lead{margin:0 0 1.5rem}
img{display:block;max-width:100%;height:auto;background:#eee}
figcaption{margin-top:.5rem;font:.875rem/1.45 system-ui,sans-serif;color:var(--muted)}
.credit{white-space:nowrap}
.quote{margin:2rem 0;padding-left:1rem;border-left:4px solid var(--accent)}
.quote blockquote{margin:0}
.quote p{margin:0;font-size:1.25rem;line-height:1.45}
.quote figcaption{font-weight:600;color:var(--ink)}
.quote figcaption::before{content:'\\2014\\00a0'}
.embed{padding:.75rem 1rem;border:1px solid var(--rule);font:.9375rem/1.4 system-ui,sans-serif}
.embed-url{color:var(--muted);overflow-wrap:anywhere}
.source{font:.9375rem/1.5 system-ui,sans-serif;color:var(--muted)}
.corrections{margin-top:2.5rem;padding:1rem;border-top:3px solid var(--ink);background:#f6f6f6;font-family:system-ui,sans-serif}
.corrections h2{margin-top:0}
.corrections ul{list-style:none;padding:0;margin:0}
.corrections li{margin:0 0 .75rem}
.corrections p{margin:0}
.corrections time{font-size:.875rem;color:var(--muted)}
.tags{font:.875rem/1.5 system-ui,sans-serif;color:var(--muted)}
`.trim();
