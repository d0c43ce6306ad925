/**
 * The page shell: skip link, site header with the language switch and sign-in state, breadcrumbs, main, footer.
 * Every page is a complete document with `lang` set; there is no script anywhere.
 */
import { Languages, type Language } from '@kezek/domain'
import type { PageContext } from './context.js'
import { html, type Html } from './html.js'
import { LANGUAGE_NAMES, tr } from './texts.js'

export interface Crumb {
  readonly label: string
  readonly href?: string
}

export interface PageSpec {
  readonly title: string
  readonly crumbs?: readonly Crumb[]
  readonly body: Html
}

const switchTo = (url: URL, lang: Language): string => {
  const next = new URL(url.href)
  next.searchParams.set('lang', lang)
  return `${next.pathname}${next.search}`
}

const languageSwitch = (c: PageContext): Html => html`
  <nav class="langs" aria-label="${tr('language', c.lang)}"><ul>
    ${Languages.map((l) => html`<li><a href="${switchTo(c.url, l)}" lang="${l}" hreflang="${l}"${l === c.lang ? html` aria-current="true"` : ''}>${LANGUAGE_NAMES[l]}</a></li>`)}
  </ul></nav>`

const account = (c: PageContext): Html => {
  const p = c.principal
  if (p === undefined) return html`<a href="/sign-in">${tr('signIn', c.lang)}</a>`
  return html`<span class="who">${tr('signedInAs', c.lang)} ${tr(`role_${p.role}`, c.lang)}</span>
    <form class="inline" method="post" action="/sign-out"><input type="hidden" name="csrf" value="${c.csrf()}"><button class="link" type="submit">${tr('signOut', c.lang)}</button></form>`
}

const mainNav = (c: PageContext): Html => {
  const p = c.principal
  const items: Html[] = [html`<li><a href="/">${tr('lists', c.lang)}</a></li>`]
  if (p?.role === 'citizen') items.push(html`<li><a href="/me">${tr('myApplications', c.lang)}</a></li>`)
  if (p !== undefined && p.role !== 'citizen') items.push(html`<li><a href="/staff">${tr('staffApplications', c.lang)}</a></li>`)
  return html`<nav aria-label="${tr('mainNav', c.lang)}"><ul>${items}</ul></nav>`
}

const breadcrumbs = (c: PageContext, crumbs: readonly Crumb[]): Html =>
  crumbs.length === 0
    ? html``
    : html`<nav class="crumbs" aria-label="${tr('breadcrumbs', c.lang)}"><ol>${crumbs.map((k, i) =>
        k.href === undefined || i === crumbs.length - 1
          ? html`<li><span${i === crumbs.length - 1 ? html` aria-current="page"` : ''}>${k.label}</span></li>`
          : html`<li><a href="${k.href}">${k.label}</a></li>`)}</ol></nav>`

export const renderPage = (c: PageContext, spec: PageSpec): string => html`<!doctype html>
<html lang="${c.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${spec.title} — ${tr('siteName', c.lang)}</title>
<link rel="stylesheet" href="/assets/kezek.css">
</head>
<body>
<a class="skip" href="#main">${tr('skip', c.lang)}</a>
<header class="site">
  <div class="bar"><a class="brand" href="/">${tr('siteName', c.lang)}</a>${languageSwitch(c)}</div>
  <div class="bar">${mainNav(c)}<div>${account(c)}</div></div>
</header>
<main id="main" tabindex="-1">
${breadcrumbs(c, spec.crumbs ?? [])}
<h1>${spec.title}</h1>
${spec.body}
</main>
<footer class="site"><p>${tr('footer', c.lang)}</p><p><a href="/openapi.json">${tr('api', c.lang)}</a></p></footer>
</body>
</html>
`.__html
