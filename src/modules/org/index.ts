// The org module's public door: units, people, roles, spokespersons, imports.
export * from './org.policy';
export * from './org.schemas';
export * from './units.service';
export * from './people.service';
export * from './imports.service';
export { applyImportJob } from './org.jobs';
export { parseUnitType, parseUnitLevel, validateUnitRows, type ImportError, type UnitImportRow } from './unit-import';
