import { defineBuildConfig } from 'unbuild'

// The fake Pleo is its own export (`nuxt-pleo-connect/fake`) and CLI (`pleo-fake`), next to the module.
export default defineBuildConfig({
  entries: ['src/fake/index', 'src/fake/cli'],
  externals: ['h3', 'ofetch'],
})
