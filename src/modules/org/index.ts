// The org module's public door: units, people, roles, spokespersons, imports.
export * from './org.policy';
export * from './org.schemas';
export * from './units.service';
export * from './people.service';
export * from './imports.service';
export { applyImportJob } from './org.jobs';
export { parseUnitType, parseUnitLevel, validateUnitRows, type ImportError, type UnitImportRow } from './unit-import';
export * from './dashboard.facts'; // read-only facts for the dashboards (bảng điều khiển)
export * from './monitoring.facts'; // read-only facts for monitoring's watchlist of people (theo dõi báo chí)
export * from './feedback.facts'; // read-only unit lookups for the public feedback forms (góp ý: chọn đơn vị nhận)
export * from './role-holders'; // the active people holding given roles at a unit (who to notify)
