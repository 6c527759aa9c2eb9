// The exemplars module's public door: nominate, decide, publish, archive; public reads; the scoring query.
export * from './exemplars.service';
export * from './public.service';
export * from './emulation.facts'; // read-only facts for emulation scoring (thi đua)
