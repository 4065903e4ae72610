// The steps of a "This key may have leaked" drill the server keeps: the page shows four, two of which happen in Pleo.

/**
 * `replace_key`: waiting for the new key (the page also shows "open Pleo's API key page" before it);
 * `prove_old_key_dead`: the new key is in force, the old one kept as the drill's standby until Pleo refuses it
 * (the page also shows "delete the old key in Pleo" before the check).
 */
export const LEAK_DRILL_STEPS = ['replace_key', 'prove_old_key_dead'] as const

export type LeakDrillStep = typeof LEAK_DRILL_STEPS[number]
