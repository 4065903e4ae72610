/**
 * Classes for the parts of a component (`:ui="{ title: 'text-lg font-semibold' }"`), added to the part's own
 * `pleo-*` classes, the way Nuxt UI's `ui` prop works. The root takes the usual `class` attribute.
 */
export type PleoUi<Part extends string> = Partial<Record<Part, string>>
