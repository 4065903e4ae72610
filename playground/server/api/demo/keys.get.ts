import { DEMO_SEED, keyTable } from 'nuxt-pleo-connect/fake'

// The fake's demo keys, for the playground's panel. Demo keys are meant to be shown; real keys never are.
export default defineEventHandler(() => keyTable(DEMO_SEED.keys, new Set(DEMO_SEED.keys.map(key => key.key))))
