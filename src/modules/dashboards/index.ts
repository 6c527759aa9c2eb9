// The dashboards module's public door: one unit's dashboard (Bảng điều khiển) for a period.
export { unitDashboard, periodOf as dashboardPeriodOf, periodKinds, type PeriodKind, type UnitDashboard } from './dashboards.service';
export { dashboardsRoutes } from './dashboards.routes';
export { cachedUnitDashboard, clearDashboardCache } from './dashboards.cache';
