import { defineEventHandler, setResponseHeader } from 'h3'
import { devtoolsSnapshot } from '../lib/connection/devtools-snapshot'
import { DEVTOOLS_ROUTES } from '../../shared/routes'
import { assertLoopbackDevRequest } from './guard'
import { renderDevtoolsPage } from './render'

// Registered by `nuxt dev` only: the Nuxt DevTools tab of the module.
export default defineEventHandler(async (event) => {
  assertLoopbackDevRequest(event)
  setResponseHeader(event, 'Cache-Control', 'no-store')
  setResponseHeader(event, 'Content-Type', 'text/html; charset=utf-8')
  return renderDevtoolsPage(await devtoolsSnapshot(), DEVTOOLS_ROUTES.run)
})
