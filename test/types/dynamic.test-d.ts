// Type tests for dynamic origins: originLookup as the `origin` of createCors and of every
// adapter, and a reloadable policy wherever options are accepted.
import type { IncomingMessage } from 'node:http'
import express from 'express'
import Fastify, { type FastifyRequest } from 'fastify'
import { Hono } from 'hono'
import Koa from 'koa'
import { expectTypeOf } from 'vitest'
import {
  CorsConfigError,
  createCors,
  createReloadableCors,
  originLookup,
  type CorsDecision,
  type CorsOptions,
  type OriginLookup,
  type ReloadableCors,
} from 'corsica'
import { cors as expressCors } from 'corsica/express'
import { cors as fetchCors, withCors } from 'corsica/fetch'
import fastifyCors from 'corsica/fastify'
import { cors as honoCors } from 'corsica/hono'
import { cors as koaCors } from 'corsica/koa'
import { cors as nodeCors } from 'corsica/node'

const tenants = originLookup(async (origin) => origin.endsWith('.example.com'), {
  ttl: 60_000,
  negativeTtl: 10_000,
  maxEntries: 10_000,
  timeout: 5_000,
  now: () => Date.now(),
})
expectTypeOf(tenants).toEqualTypeOf<OriginLookup>()
expectTypeOf(tenants('https://a.example.com')).toEqualTypeOf<boolean | Promise<boolean>>()
expectTypeOf(tenants.invalidate).toEqualTypeOf<(origin: string) => void>()
expectTypeOf(tenants.invalidateAll).toEqualTypeOf<() => void>()
originLookup((origin) => origin === 'https://a.example.com')
// @ts-expect-error the lookup answers exactly a boolean
originLookup(async () => 'https://a.example.com')
// @ts-expect-error ttl is a number of milliseconds
originLookup(async () => true, { ttl: '1m' })
// @ts-expect-error an unknown option
originLookup(async () => true, { tll: 5 })
// @ts-expect-error timeout is a number of milliseconds
originLookup(async () => true, { timeout: '5s' })

// The `origin` of createCors and of every adapter.
expectTypeOf(createCors({ origin: tenants }).check({ method: 'GET' })).toEqualTypeOf<
  CorsDecision | Promise<CorsDecision>
>()
nodeCors({ origin: tenants, credentials: true })
expressCors({ origin: tenants, credentials: true })
fetchCors({ origin: tenants })
koaCors({ origin: tenants })
honoCors({ origin: tenants })
void Fastify().register(fastifyCors, { origin: tenants })

// A reloadable policy wherever options are accepted.
const policy = createReloadableCors({ origin: tenants, credentials: true })
expectTypeOf(policy).toEqualTypeOf<ReloadableCors<unknown>>()
expectTypeOf(policy.replace).parameters.toEqualTypeOf<[options?: CorsOptions<unknown>]>()
expectTypeOf(policy.check({ method: 'GET' })).toEqualTypeOf<CorsDecision | Promise<CorsDecision>>()
expectTypeOf(new CorsConfigError([])).toMatchTypeOf<Error>()
// Possibly asynchronous whatever the options now: a later replace() may bring an async predicate.
expectTypeOf(nodeCors(policy)).returns.toEqualTypeOf<boolean | Promise<boolean>>()
express().use(expressCors(policy))
fetchCors(policy)
withCors(() => new Response('ok'), policy)
new Koa().use(koaCors(policy))
new Hono().use(honoCors(policy))
void Fastify().register(fastifyCors, policy)
void Fastify().register(fastifyCors, { ...policy, prefix: '/api' })

// A predicate typed by its adapter's request: the reloadable carries that type.
const byHost = createReloadableCors({ origin: (_origin, req: IncomingMessage) => req.headers.host === 'a' })
expectTypeOf(byHost).toEqualTypeOf<ReloadableCors<IncomingMessage>>()
nodeCors(byHost)
const byRequest = createReloadableCors({ origin: (_origin, request: FastifyRequest) => request.hostname === 'a' })
void Fastify().register(fastifyCors, byRequest)
// @ts-expect-error a Request-typed predicate cannot receive a Node request
nodeCors(createReloadableCors({ origin: (_origin, request: Request) => request.url === '' }))
// @ts-expect-error replace() takes corsica's options
policy.replace({ origin: 42 })
