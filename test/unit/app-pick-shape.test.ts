import { describe, expect, it } from 'vitest'
import { pickShape, type Shape } from '../../src/runtime/app/utils/pick-shape'

describe('pickShape', () => {
  const shape: Shape = {
    'id': 'string',
    'count?': 'number',
    'kind?': new Set(['a', 'b']),
    'hint?': /^•{4}.{0,4}$/u,
    'tags?': ['string'],
    'owner?': { 'id': 'string', 'name?': 'string' },
    'label': (value: unknown) => String(value ?? ''),
  }

  it('copies the named fields that fit, and never a field it does not name', () => {
    expect(pickShape({ id: 'x', count: 2, kind: 'a', hint: '••••abcd', tags: ['t'], owner: { id: 'o', name: 'N', secret: 1 }, label: 'L', apiKey: 'k' }, shape))
      .toEqual({ id: 'x', count: 2, kind: 'a', hint: '••••abcd', tags: ['t'], owner: { id: 'o', name: 'N' }, label: 'L' })
  })

  it('drops an optional field that does not fit, and the whole object when a required one does not', () => {
    expect(pickShape({ id: 'x', count: '2', kind: 'c', hint: '••••abcdefgh', owner: { name: 'N' } }, shape)).toEqual({ id: 'x', label: '' })
    expect(pickShape({ count: 2 }, shape)).toBeUndefined()
    expect(pickShape(null, shape)).toBeUndefined()
    expect(pickShape('x', shape)).toBeUndefined()
  })

  it('keeps the entries of an array that fit and drops the others; a non-array is dropped', () => {
    expect(pickShape([{ id: 'a' }, { id: 1 }, null, 'b', { id: 'c', extra: 1 }], [{ id: 'string' }])).toEqual([{ id: 'a' }, { id: 'c' }])
    expect(pickShape({ id: 'x', tags: 'one' }, shape)).toEqual({ id: 'x', label: '' })
  })
})
