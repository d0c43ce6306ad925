/**
 * The one stylesheet, served from our own origin so the Content-Security-Policy can forbid inline styles. Mobile
 * first: one column, tables scroll sideways inside their own box, wider screens get more room. Colours meet WCAG AA
 * contrast (text ≥ 4.5:1, chart marks ≥ 3:1 on white); focus is always visible.
 */
export const STYLESHEET = `
*,*::before,*::after{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;line-height:1.5;color:#1a1a1a;background:#fff;-webkit-text-size-adjust:100%}
body{margin:0}
a{color:#0b4f8a}
a:hover{color:#062f52}
:focus-visible{outline:3px solid #b45309;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem;z-index:10}
.skip:focus{left:0}
header.site{background:#0b3d66;color:#fff;padding:.75rem 1rem}
header.site a{color:#fff}
.brand{font-size:1.15rem;font-weight:700;text-decoration:none}
.bar{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;justify-content:space-between;max-width:64rem;margin:0 auto}
nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem .9rem}
.langs a[aria-current="true"]{font-weight:700;text-decoration:none;border-bottom:2px solid #fff}
.who{font-size:.9rem}
.inline{display:inline}
button,.button{font:inherit;padding:.45rem .9rem;border:2px solid #0b4f8a;background:#0b4f8a;color:#fff;border-radius:4px;cursor:pointer;text-decoration:none;display:inline-block}
button.link{background:transparent;border-color:#fff;color:#fff;padding:.15rem .6rem}
input,select{font:inherit;padding:.4rem;border:2px solid #555;border-radius:4px;max-width:100%}
label{font-weight:600;display:block;margin-bottom:.25rem}
main{max-width:64rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
.crumbs ol{list-style:none;padding:0;margin:0 0 .5rem;display:flex;flex-wrap:wrap;gap:.25rem;font-size:.9rem}
.crumbs li+li::before{content:"›";margin-right:.25rem;color:#555}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border-bottom:1px solid #ccc;padding:.4rem .5rem;text-align:left;vertical-align:top}
th{background:#f1f4f8}
td.num,th.num{text-align:right}
tr.hit{background:#fff4c2}
tr.overdue{background:#fde8e8}
.badge{display:inline-block;padding:0 .4rem;border-radius:3px;font-size:.85rem;font-weight:700}
.badge.overdue{background:#9b1c1c;color:#fff}
.badge.ok{background:#14532d;color:#fff}
.badge.bad{background:#9b1c1c;color:#fff}
form.row{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end;margin:.5rem 0 1rem}
form.row div{display:flex;flex-direction:column}
.pager ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
.note{background:#f1f4f8;border-left:4px solid #0b4f8a;padding:.5rem 1rem;margin:1rem 0}
.error{background:#fde8e8;border-left:4px solid #9b1c1c;padding:.5rem 1rem;margin:1rem 0}
dl.fields{display:grid;grid-template-columns:1fr;gap:.15rem 1rem;margin:0}
dl.fields dt{font-weight:600;color:#333}
dl.fields dd{margin:0 0 .5rem}
figure{margin:1rem 0}
figcaption{font-weight:600;margin-bottom:.25rem}
svg.chart{width:100%;height:auto;max-width:48rem;display:block}
svg.chart .bar{fill:#0b4f8a}
svg.chart .line{fill:none;stroke:#0b4f8a;stroke-width:3}
svg.chart .dot{fill:#0b4f8a}
svg.chart .axis{stroke:#333;stroke-width:1}
svg.chart .grid{stroke:#bbb;stroke-width:1}
svg.chart text{fill:#1a1a1a;font-size:18px;font-family:inherit}
details{margin:.5rem 0 1rem}
summary{cursor:pointer;color:#0b4f8a;font-weight:600}
ul.cards{list-style:none;padding:0;display:grid;grid-template-columns:1fr;gap:.75rem}
ul.cards li{border:1px solid #ccc;border-radius:6px;padding:.75rem}
footer.site{max-width:64rem;margin:2rem auto 0;padding:1rem;border-top:1px solid #ccc;font-size:.9rem;color:#444}
.timeline li{margin-bottom:1rem}
.mono{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85rem;word-break:break-all}
@media (min-width:40rem){
  dl.fields{grid-template-columns:max-content 1fr}
  ul.cards{grid-template-columns:1fr 1fr}
  h1{font-size:1.9rem}
}
`
export const STYLESHEET_EXTRA = `
.visually-hidden{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
h3{font-size:1.05rem;margin:1rem 0 .25rem}
fieldset{border:1px solid #ccc;border-radius:6px;margin:0 0 1rem;padding:.5rem 1rem}
legend{font-weight:600;padding:0 .25rem}
.choice{display:flex;align-items:center;gap:.5rem;margin:.35rem 0}
.choice label{font-weight:400;margin:0}
.choice input{width:1.25rem;height:1.25rem}
`
