/** Injectable time, so validity windows, CRL freshness and rollovers can be tested. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
