import type { GridColProps } from '@mantine/core';
import type { ComponentType } from 'react';
import type { SessionUser } from '../../api/types';
import { can } from '../auth/permissions';
import { DeadlinesPanel } from '../plans/DeadlinesPanel';
import { QuotaPanel } from '../newsroom/QuotaPanel';
import { SchoolsByLevelPanel, StatCardsPanel, UnitsByTypePanel } from './DashboardPanels';

export type HomePanel = {
  id: string;
  span: GridColProps['span'];
  component: ComponentType;
  isVisible?: (user: SessionUser) => boolean;
};

/** The home page's panels, in order. Later features append theirs here. */
export const homePanels: HomePanel[] = [
  { id: 'stats', span: 12, component: StatCardsPanel },
  { id: 'quota', span: 12, component: QuotaPanel, isVisible: (user) => can(user, 'articles.read') },
  { id: 'deadlines', span: 12, component: DeadlinesPanel, isVisible: (user) => can(user, 'plans.read') },
  { id: 'schools-by-level', span: { base: 12, md: 6 }, component: SchoolsByLevelPanel },
  { id: 'units-by-type', span: { base: 12, md: 6 }, component: UnitsByTypePanel },
];
