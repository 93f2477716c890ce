// The three browser engines the system suites run in, behind one small interface: launch a
// browser once, open isolated tabs, evaluate a function in a tab, set a cookie, close. One module
// per engine (chromium.mjs, firefox.mjs, webkit.mjs) implements it; nothing else knows which
// engine it talks to. CORSICA_ENGINES=chromium,firefox,webkit picks some (default: all three).

/**
 * @typedef {'chromium' | 'firefox' | 'webkit'} EngineName
 * @typedef {{ name: string, value: string, domain: string, path: string, sameSite: 'Lax' }} Cookie
 * @typedef {object} TabOptions
 * @property {{ width: number, height: number }} [viewport]
 * @property {boolean} [mobile] a phone: touch, device pixel ratio 2 (Chromium only, see `Browser.mobile`)
 * A page with its own cookies and preflight cache, as far as the engine allows (see `Browser.isolation`).
 * @typedef {object} Tab
 * @property {(url: string) => Promise<void>} open navigates and waits for the load event
 * @property {<A, R>(fn: (arg: A) => R, arg: A, frame?: 'child') => Promise<Awaited<R>>} evaluate runs
 *   `fn(arg)` in the page, or in its first iframe; `fn` travels as source text: it must not close over anything
 * @property {(cookie: Cookie, url: string) => Promise<void>} setCookie `url`: a page on the cookie's host
 * @property {string[] | undefined} consoleErrors what the page logged as errors, when the engine reports it
 * @property {((path: string) => Promise<void>) | undefined} screenshot full page, when the engine is asked for one
 * @property {() => Promise<void>} close
 * @typedef {object} Browser
 * @property {EngineName} engine
 * @property {string} version e.g. "Firefox 153.8.0esr"
 * @property {number} parallel how many tabs the runner may drive at once
 * @property {string} isolation how tabs are kept apart
 * @property {boolean} mobile whether `mobile: true` emulates a phone
 * @property {(options?: TabOptions) => Promise<Tab>} tab
 * @property {() => Promise<void>} close
 * @typedef {object} Engine
 * @property {EngineName} name
 * @property {string} title
 * @property {() => Promise<string | undefined>} missing why it cannot run here, or undefined
 * @property {() => Promise<Browser>} launch
 */

/**
 * What a driver hands to its library's evaluate: the typing is the Tab's, not the library's.
 * @typedef {(fn: (arg: any) => unknown, arg: unknown) => Promise<any>} LooseEvaluate
 */

import { chromium } from './chromium.mjs'
import { firefox } from './firefox.mjs'
import { webkit } from './webkit.mjs'

/** @type {Engine[]} */
export const ENGINES = [chromium, firefox, webkit]

/** The engines CORSICA_ENGINES names (all when unset); an unknown name is an error, not a silent skip. */
export function selectedEngines() {
  const wanted = process.env.CORSICA_ENGINES?.split(',').map((name) => name.trim().toLowerCase())
  if (wanted === undefined || wanted.join('') === '') return ENGINES
  const unknown = wanted.filter((name) => !ENGINES.some((engine) => engine.name === name))
  if (unknown.length > 0)
    throw new Error(`CORSICA_ENGINES: unknown engine ${unknown.join(', ')} (known: chromium, firefox, webkit)`)
  return ENGINES.filter((engine) => wanted.includes(engine.name))
}

/**
 * The chosen engines split into those that can run here and those that cannot, with the reason.
 * @param {Engine[]} engines
 */
export async function availability(engines) {
  const reasons = await Promise.all(engines.map((engine) => engine.missing()))
  return {
    usable: engines.filter((_, i) => reasons[i] === undefined),
    missing: engines.flatMap((engine, i) => (reasons[i] === undefined ? [] : [`${engine.title}: ${reasons[i]}`])),
  }
}
