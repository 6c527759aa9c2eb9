import { Outlet, createRootRoute, createRoute, createRouter } from '@tanstack/react-router';
import { AccountPage } from './modules/account/AccountPage';
import { AuditPage } from './modules/audit/AuditPage';
import { ForgotPasswordPage } from './modules/auth/ForgotPasswordPage';
import { ResetPasswordPage } from './modules/auth/ResetPasswordPage';
import { SignInPage } from './modules/auth/SignInPage';
import { HomePage } from './modules/home/HomePage';
import { ImportPage } from './modules/imports/ImportPage';
import { PeoplePage } from './modules/people/PeoplePage';
import { HolidaysPage } from './modules/plans/HolidaysPage';
import { PlanDetailPage } from './modules/plans/PlanDetailPage';
import { PlanEditPage, PlanNewPage } from './modules/plans/PlanEditPage';
import { PlanImportPage } from './modules/plans/PlanImportPage';
import { PlansPage } from './modules/plans/PlansPage';
import { PersonPage } from './modules/people/PersonPage';
import { UnitsPage } from './modules/units/UnitsPage';
import { AppLayout } from './ui/AppLayout';
import { NotFound } from './ui/NotFound';

const rootRoute = createRootRoute({ component: Outlet, notFoundComponent: NotFound });

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/dang-nhap',
  validateSearch: (s: Record<string, unknown>): { redirect?: string } =>
    typeof s.redirect === 'string' ? { redirect: s.redirect } : {},
  component: SignInPage,
});
const forgotRoute = createRoute({ getParentRoute: () => rootRoute, path: '/quen-mat-khau', component: ForgotPasswordPage });
const resetRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/dat-lai-mat-khau',
  validateSearch: (s: Record<string, unknown>): { token?: string } =>
    typeof s.token === 'string' ? { token: s.token } : {},
  component: ResetPasswordPage,
});

const appRoute = createRoute({ getParentRoute: () => rootRoute, id: 'app', component: AppLayout });
const homeRoute = createRoute({ getParentRoute: () => appRoute, path: '/', component: HomePage });
const unitsRoute = createRoute({ getParentRoute: () => appRoute, path: '/don-vi', component: () => <UnitsPage /> });
const unitRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/don-vi/$id',
  component: function UnitRoute() {
    const { id } = unitRoute.useParams();
    return <UnitsPage selectedId={Number(id)} />;
  },
});
const peopleRoute = createRoute({ getParentRoute: () => appRoute, path: '/nguoi-dung', component: PeoplePage });
const personRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/nguoi-dung/$id',
  component: function PersonRoute() {
    const { id } = personRoute.useParams();
    return <PersonPage id={Number(id)} />;
  },
});
const importRoute = createRoute({ getParentRoute: () => appRoute, path: '/nhap-du-lieu', component: ImportPage });
const plansRoute = createRoute({ getParentRoute: () => appRoute, path: '/ke-hoach', component: PlansPage });
const planNewRoute = createRoute({ getParentRoute: () => appRoute, path: '/ke-hoach/moi', component: PlanNewPage });
const planImportRoute = createRoute({ getParentRoute: () => appRoute, path: '/ke-hoach/nhap', component: PlanImportPage });
const holidaysRoute = createRoute({ getParentRoute: () => appRoute, path: '/ke-hoach/ngay-nghi', component: HolidaysPage });
const planRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/ke-hoach/$id',
  component: function PlanRoute() {
    const { id } = planRoute.useParams();
    return <PlanDetailPage key={id} id={Number(id)} />;
  },
});
const planEditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/ke-hoach/$id/sua',
  component: function PlanEditRoute() {
    const { id } = planEditRoute.useParams();
    return <PlanEditPage key={id} id={Number(id)} />;
  },
});
const auditRoute = createRoute({ getParentRoute: () => appRoute, path: '/nhat-ky', component: AuditPage });
const accountRoute = createRoute({ getParentRoute: () => appRoute, path: '/tai-khoan', component: AccountPage });

const routeTree = rootRoute.addChildren([
  signInRoute,
  forgotRoute,
  resetRoute,
  appRoute.addChildren([
    homeRoute,
    unitsRoute,
    unitRoute,
    peopleRoute,
    personRoute,
    importRoute,
    plansRoute,
    planNewRoute,
    planImportRoute,
    holidaysRoute,
    planRoute,
    planEditRoute,
    auditRoute,
    accountRoute,
  ]),
]);

export const router = createRouter({ routeTree, basepath: '/admin', defaultPreload: false, scrollRestoration: true });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
