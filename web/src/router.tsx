import { Outlet, createRootRoute, createRoute, createRouter } from '@tanstack/react-router';
import { AccountPage } from './modules/account/AccountPage';
import { SiteSettingsPage } from './modules/sites/SiteSettingsPage';
import { AuditPage } from './modules/audit/AuditPage';
import { ForgotPasswordPage } from './modules/auth/ForgotPasswordPage';
import { ResetPasswordPage } from './modules/auth/ResetPasswordPage';
import { SignInPage } from './modules/auth/SignInPage';
import { ChannelsPage } from './modules/distribution/ChannelsPage';
import { HomePage } from './modules/home/HomePage';
import { DashboardsHomePage, UnitDashboardPage } from './modules/dashboards/DashboardsPage';
import { ExemplarDetailPage } from './modules/exemplars/ExemplarDetailPage';
import { ExemplarFormPage } from './modules/exemplars/ExemplarFormPage';
import { ExemplarsPage } from './modules/exemplars/ExemplarsPage';
import { ReportDetailPage } from './modules/reports/ReportDetailPage';
import { ReportsPage } from './modules/reports/ReportsPage';
import { PressPage } from './modules/press/PressPage';
import { QuestionPage as PressQuestionPage } from './modules/press/QuestionPage';
import { NoticeDetailPage } from './modules/notices/NoticeDetailPage';
import { NoticeFormPage } from './modules/notices/NoticeFormPage';
import { NoticesPage } from './modules/notices/NoticesPage';
import { ReceivedNoticePage } from './modules/notices/ReceivedNoticePage';
import { IncidentPage } from './modules/incidents/IncidentPage';
import { IncidentsPage } from './modules/incidents/IncidentsPage';
import { DocumentFormPage } from './modules/documents/DocumentFormPage';
import { DocumentsPage } from './modules/documents/DocumentsPage';
import { CompliancePage } from './modules/disclosure/CompliancePage';
import { InboxPage } from './modules/sitecontent/InboxPage';
import { RatingsPage } from './modules/sitecontent/RatingsPage';
import { SiteContentPage } from './modules/sitecontent/SiteContentPage';
import { DisclosurePage } from './modules/disclosure/DisclosurePage';
import { ArticleDetailPage } from './modules/newsroom/ArticleDetailPage';
import { ArticleEditorHost } from './modules/newsroom/ArticleEditorPage';
import { ArticlesPage } from './modules/newsroom/ArticlesPage';
import { CalendarPage } from './modules/newsroom/CalendarPage';
import { ConsentsPage } from './modules/newsroom/Consents';
import { QuotaPage } from './modules/newsroom/QuotaPage';
import { ImportPage } from './modules/imports/ImportPage';
import { PeoplePage } from './modules/people/PeoplePage';
import { HolidaysPage } from './modules/plans/HolidaysPage';
import { PlanDetailPage } from './modules/plans/PlanDetailPage';
import { PlanEditPage, PlanNewPage } from './modules/plans/PlanEditPage';
import { PlanImportPage } from './modules/plans/PlanImportPage';
import { PlansPage } from './modules/plans/PlansPage';
import { PersonPage } from './modules/people/PersonPage';
import { SiteImportPage } from './modules/siteimport/SiteImportPage';
import { DeadlinePage } from './modules/obligations/DeadlinePage';
import { ObligationsPage } from './modules/obligations/ObligationsPage';
import { EmulationPage } from './modules/emulation/EmulationPage';
import { SchemeFormPage } from './modules/emulation/SchemeFormPage';
import { SchemePage } from './modules/emulation/SchemePage';
import { UnitsPage } from './modules/units/UnitsPage';
import { AlertsPage } from './modules/monitoring/AlertsPage';
import { DashboardPage as MonitorDashboardPage } from './modules/monitoring/DashboardPage';
import { DigestPage } from './modules/monitoring/DigestPage';
import { InboxPage as MonitorInboxPage } from './modules/monitoring/InboxPage';
import { StoryPage } from './modules/monitoring/StoryPage';
import { SourcesPage as MonitorSourcesPage } from './modules/monitoring/SourcesPage';
import { AnalysisPage as FeedbackAnalysisPage } from './modules/feedback/analysis/AnalysisPage';
import { ConsultationFormPage } from './modules/feedback/ConsultationFormPage';
import { ConsultationPage } from './modules/feedback/ConsultationPage';
import { FeedbackPage } from './modules/feedback/FeedbackPage';
import { EventDetailPage } from './modules/events/EventDetailPage';
import { EventsPage } from './modules/events/EventsPage';
import { ChecklistsPage as InspectionChecklistsPage } from './modules/inspections/ChecklistsPage';
import { InspectionDetailPage } from './modules/inspections/InspectionDetailPage';
import { InspectionsPage } from './modules/inspections/InspectionsPage';
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
// dashboards (Bảng điều khiển): the user's top unit, and any unit (drill-down)
const dashboardsRoute = createRoute({ getParentRoute: () => appRoute, path: '/bang-dieu-khien', component: DashboardsHomePage });
const unitDashboardRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/bang-dieu-khien/$id',
  component: function UnitDashboardRoute() {
    const { id } = unitDashboardRoute.useParams();
    return <UnitDashboardPage key={id} id={Number(id)} />;
  },
});
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
const articlesRoute = createRoute({ getParentRoute: () => appRoute, path: '/tin-bai', component: ArticlesPage });
const quotaRoute = createRoute({ getParentRoute: () => appRoute, path: '/tin-bai/chi-tieu-tuan', component: QuotaPage });
const calendarRoute = createRoute({ getParentRoute: () => appRoute, path: '/tin-bai/lich', component: CalendarPage });
const consentsRoute = createRoute({ getParentRoute: () => appRoute, path: '/tin-bai/dong-y', component: ConsentsPage });
// New and edit share one editor above them, so a new article's first autosave (which moves the address to
// /tin-bai/<id>/sua) keeps the editor, the text being typed and the phone's keyboard as they are.
const articleEditorRoute = createRoute({ getParentRoute: () => appRoute, id: 'article-editor', component: ArticleEditorHost });
const articleNewRoute = createRoute({ getParentRoute: () => articleEditorRoute, path: '/tin-bai/moi', component: () => null });
const articleEditRoute = createRoute({ getParentRoute: () => articleEditorRoute, path: '/tin-bai/$id/sua', component: () => null });
const articleRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/tin-bai/$id',
  component: function ArticleRoute() {
    const { id } = articleRoute.useParams();
    return <ArticleDetailPage key={id} id={Number(id)} />;
  },
});
const noticesRoute = createRoute({ getParentRoute: () => appRoute, path: '/thong-bao', component: NoticesPage });
const noticeNewRoute = createRoute({ getParentRoute: () => appRoute, path: '/thong-bao/moi', component: () => <NoticeFormPage /> });
const noticeReceivedRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/thong-bao/nhan/$id',
  component: function NoticeReceivedRoute() {
    const { id } = noticeReceivedRoute.useParams();
    return <ReceivedNoticePage key={id} id={Number(id)} />;
  },
});
const noticeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/thong-bao/$id',
  component: function NoticeRoute() {
    const { id } = noticeRoute.useParams();
    return <NoticeDetailPage key={id} id={Number(id)} />;
  },
});
const noticeEditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/thong-bao/$id/sua',
  component: function NoticeEditRoute() {
    const { id } = noticeEditRoute.useParams();
    return <NoticeFormPage key={id} id={Number(id)} />;
  },
});
const reportsRoute = createRoute({ getParentRoute: () => appRoute, path: '/bao-cao', component: ReportsPage });
const reportRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/bao-cao/$id',
  component: function ReportRoute() {
    const { id } = reportRoute.useParams();
    return <ReportDetailPage key={id} id={Number(id)} />;
  },
});
const exemplarsRoute = createRoute({ getParentRoute: () => appRoute, path: '/guong-dien-hinh', component: ExemplarsPage });
const exemplarNewRoute = createRoute({ getParentRoute: () => appRoute, path: '/guong-dien-hinh/moi', component: () => <ExemplarFormPage /> });
const exemplarRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/guong-dien-hinh/$id',
  component: function ExemplarRoute() {
    const { id } = exemplarRoute.useParams();
    return <ExemplarDetailPage key={id} id={Number(id)} />;
  },
});
const exemplarEditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/guong-dien-hinh/$id/sua',
  component: function ExemplarEditRoute() {
    const { id } = exemplarEditRoute.useParams();
    return <ExemplarFormPage key={id} id={Number(id)} />;
  },
});
const documentsRoute = createRoute({ getParentRoute: () => appRoute, path: '/van-ban', component: DocumentsPage });
const documentNewRoute = createRoute({ getParentRoute: () => appRoute, path: '/van-ban/moi', component: () => <DocumentFormPage /> });
const documentRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/van-ban/$id',
  component: function DocumentRoute() {
    const { id } = documentRoute.useParams();
    return <DocumentFormPage key={id} id={Number(id)} />;
  },
});
const disclosureRoute = createRoute({ getParentRoute: () => appRoute, path: '/cong-khai', component: DisclosurePage });
const complianceRoute = createRoute({ getParentRoute: () => appRoute, path: '/cong-khai/tuan-thu', component: CompliancePage });
const siteContentRoute = createRoute({ getParentRoute: () => appRoute, path: '/noi-dung-trang', component: SiteContentPage });
const siteInboxRoute = createRoute({ getParentRoute: () => appRoute, path: '/hop-thu-y-kien', component: InboxPage });
const siteRatingsRoute = createRoute({ getParentRoute: () => appRoute, path: '/danh-gia-trang', component: RatingsPage });
const channelsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/kenh-phat-hanh',
  validateSearch: (s: Record<string, unknown>): { unitId?: number } => (Number(s.unitId) > 0 ? { unitId: Number(s.unitId) } : {}),
  component: function ChannelsRoute() {
    const { unitId } = channelsRoute.useSearch();
    return <ChannelsPage initialUnitId={unitId} />;
  },
});
const siteImportRoute = createRoute({ getParentRoute: () => appRoute, path: '/chuyen-trang-cu', component: SiteImportPage });
const auditRoute = createRoute({ getParentRoute: () => appRoute, path: '/nhat-ky', component: AuditPage });
const accountRoute = createRoute({ getParentRoute: () => appRoute, path: '/tai-khoan', component: AccountPage });
const sitesRoute = createRoute({ getParentRoute: () => appRoute, path: '/trang-don-vi', component: SiteSettingsPage });
// monitoring: triage inbox, a story, alerts, dashboard, daily digest (M2)
const monitorInboxRoute = createRoute({ getParentRoute: () => appRoute, path: '/theo-doi', component: MonitorInboxPage });
const monitorStoryRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/theo-doi/tin/$id',
  component: function MonitorStoryRoute() {
    const { id } = monitorStoryRoute.useParams();
    return <StoryPage key={id} id={Number(id)} />;
  },
});
const monitorSourcesRoute = createRoute({ getParentRoute: () => appRoute, path: '/theo-doi/nguon-tin', component: MonitorSourcesPage });
const monitorAlertsRoute = createRoute({ getParentRoute: () => appRoute, path: '/theo-doi/canh-bao', component: AlertsPage });
const monitorDashboardRoute = createRoute({ getParentRoute: () => appRoute, path: '/theo-doi/tong-quan', component: MonitorDashboardPage });
const monitorDigestRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/theo-doi/diem-tin',
  validateSearch: (s: Record<string, unknown>): { day?: string } => (typeof s.day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s.day) ? { day: s.day } : {}),
  component: function MonitorDigestRoute() {
    const { day } = monitorDigestRoute.useSearch();
    return <DigestPage initialDay={day} />;
  },
});

// incidents (issue 7): the list (and "open from a story": ?storyId=&title=) and one incident
const incidentsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/su-co',
  validateSearch: (s: Record<string, unknown>): { storyId?: number; title?: string } => ({
    ...(Number(s.storyId) > 0 ? { storyId: Number(s.storyId) } : {}),
    ...(typeof s.title === 'string' ? { title: s.title.slice(0, 300) } : {}),
  }),
  component: function IncidentsRoute() {
    const { storyId, title } = incidentsRoute.useSearch();
    return <IncidentsPage key={storyId ?? 0} storyId={storyId} storyTitle={title} />;
  },
});
// obligations calendar and emulation scoring (thi đua)
const obligationsRoute = createRoute({ getParentRoute: () => appRoute, path: '/nghia-vu', component: ObligationsPage });
const obligationDeadlineRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/nghia-vu/han/$id',
  component: function ObligationDeadlineRoute() {
    const { id } = obligationDeadlineRoute.useParams();
    return <DeadlinePage key={id} id={Number(id)} />;
  },
});
const emulationRoute = createRoute({ getParentRoute: () => appRoute, path: '/thi-dua', component: EmulationPage });
const emulationNewRoute = createRoute({ getParentRoute: () => appRoute, path: '/thi-dua/moi', component: () => <SchemeFormPage /> });
const emulationSchemeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/thi-dua/$id',
  component: function EmulationSchemeRoute() {
    const { id } = emulationSchemeRoute.useParams();
    return <SchemePage key={id} id={Number(id)} />;
  },
});
const emulationEditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/thi-dua/$id/sua',
  component: function EmulationEditRoute() {
    const { id } = emulationEditRoute.useParams();
    return <SchemeFormPage key={id} id={Number(id)} />;
  },
});
const incidentRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/su-co/$id',
  component: function IncidentRoute() {
    const { id } = incidentRoute.useParams();
    return <IncidentPage key={id} id={Number(id)} />;
  },
});

// press office (issue 7): the board with its tabs, one question; reminder e-mails link to /bao-chi/van-de/<id> and /bao-chi/cai-chinh
const pressRoute = createRoute({ getParentRoute: () => appRoute, path: '/bao-chi', component: () => <PressPage /> });
const pressQuestionRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/bao-chi/cau-hoi/$id',
  component: function PressQuestionRoute() {
    const { id } = pressQuestionRoute.useParams();
    return <PressQuestionPage key={id} id={Number(id)} />;
  },
});
const pressIssueRoute = createRoute({ getParentRoute: () => appRoute, path: '/bao-chi/van-de/$id', component: () => <PressPage initialTab="issues" /> });
const pressCorrectionsRoute = createRoute({ getParentRoute: () => appRoute, path: '/bao-chi/cai-chinh', component: () => <PressPage initialTab="corrections" /> });
const feedbackRoute = createRoute({ getParentRoute: () => appRoute, path: '/gop-y', component: () => <FeedbackPage /> });
const feedbackNewRoute = createRoute({ getParentRoute: () => appRoute, path: '/gop-y/moi', component: () => <ConsultationFormPage /> });
const consultationRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/gop-y/$id',
  component: function ConsultationRoute() {
    const { id } = consultationRoute.useParams();
    return <ConsultationPage key={id} id={Number(id)} />;
  },
});
const consultationEditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/gop-y/$id/sua',
  component: function ConsultationEditRoute() {
    const { id } = consultationEditRoute.useParams();
    return <ConsultationFormPage key={id} id={Number(id)} />;
  },
});
const feedbackAnalysisRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/gop-y/phan-tich/$id',
  component: function FeedbackAnalysisRoute() {
    const { id } = feedbackAnalysisRoute.useParams();
    return <FeedbackAnalysisPage key={id} consultationId={Number(id)} />;
  },
});

// trainings and events, inspections (issue 9, helper "events")
const eventsRoute = createRoute({ getParentRoute: () => appRoute, path: '/su-kien', component: EventsPage });
const eventRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/su-kien/$id',
  component: function EventRoute() {
    const { id } = eventRoute.useParams();
    return <EventDetailPage key={id} id={Number(id)} />;
  },
});
const inspectionsRoute = createRoute({ getParentRoute: () => appRoute, path: '/kiem-tra', component: InspectionsPage });
const inspectionChecklistsRoute = createRoute({ getParentRoute: () => appRoute, path: '/kiem-tra/tieu-chi', component: InspectionChecklistsPage });
const inspectionRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/kiem-tra/$id',
  component: function InspectionRoute() {
    const { id } = inspectionRoute.useParams();
    return <InspectionDetailPage key={id} id={Number(id)} />;
  },
});

const routeTree = rootRoute.addChildren([
  signInRoute,
  forgotRoute,
  resetRoute,
  appRoute.addChildren([
    homeRoute,
    eventsRoute,
    eventRoute,
    inspectionsRoute,
    inspectionChecklistsRoute,
    inspectionRoute,
    dashboardsRoute,
    unitDashboardRoute,
    pressRoute,
    pressQuestionRoute,
    pressIssueRoute,
    pressCorrectionsRoute,
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
    articlesRoute,
    quotaRoute,
    calendarRoute,
    consentsRoute,
    articleEditorRoute.addChildren([articleNewRoute, articleEditRoute]),
    articleRoute,
    reportsRoute,
    reportRoute,
    exemplarsRoute,
    exemplarNewRoute,
    exemplarRoute,
    exemplarEditRoute,
    noticesRoute,
    noticeNewRoute,
    noticeReceivedRoute,
    noticeRoute,
    noticeEditRoute,
    documentsRoute,
    documentNewRoute,
    documentRoute,
    disclosureRoute,
    complianceRoute,
    siteContentRoute,
    siteInboxRoute,
    siteRatingsRoute,
    channelsRoute,
    siteImportRoute,
    auditRoute,
    accountRoute,
    sitesRoute,
    monitorInboxRoute,
    monitorStoryRoute,
    monitorAlertsRoute,
    monitorSourcesRoute,
    monitorDashboardRoute,
    monitorDigestRoute,
    incidentsRoute,
    incidentRoute,
    obligationsRoute,
    obligationDeadlineRoute,
    emulationRoute,
    emulationNewRoute,
    emulationSchemeRoute,
    emulationEditRoute,
    feedbackAnalysisRoute,
    feedbackRoute,
    feedbackNewRoute,
    consultationRoute,
    consultationEditRoute,
  ]),
]);

export const router = createRouter({ routeTree, basepath: '/admin', defaultPreload: false, scrollRestoration: true });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
