// The steps of a validation as the server reports them: the one it is on, those before it done, those after it
// not reached; asking Pleo's other environment shows under "Validating the API Key".
import { afterEach, describe, expect, it } from 'vitest'
import PleoValidationProgress from '../../src/runtime/app/components/PleoValidationProgress.vue'
import { en } from '../../src/runtime/shared/i18n/en'
import { mountPleo, resetApp } from './helpers'

afterEach(resetApp)

describe('<PleoValidationProgress>', () => {
  it('marks the step the server is on', async () => {
    const wrapper = await mountPleo(PleoValidationProgress, { props: { running: true, step: 'confirming_company' } })
    expect(wrapper.findAll('li').map(step => step.attributes('data-status'))).toEqual(['done', 'running', 'notReached'])
    expect(wrapper.find('.pleo-progress__substep').exists()).toBe(false)
  })

  it('while the other environment is asked, the key check runs and says why', async () => {
    const wrapper = await mountPleo(PleoValidationProgress, { props: { running: true, step: 'checking_other_environment' } })
    expect(wrapper.findAll('li').map(step => step.attributes('data-status'))).toEqual(['running', 'notReached', 'notReached'])
    expect(wrapper.find('li').text()).toContain(en.progress.steps.checking_other_environment)
  })
})
