// run.mjs compiles examples/next-route.ts next to next-route-check.mjs as next-route.mjs; this
// gives that import the example's own types.
export * from '../../examples/next-route.js'
