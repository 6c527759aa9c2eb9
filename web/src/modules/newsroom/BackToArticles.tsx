import { Anchor, Group } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { t } from '../../i18n';

export function BackToArticles({ id }: { id?: number | null }) {
  return (
    <Anchor component={Link} to={id ? `/tin-bai/${id}` : '/tin-bai'} size="sm" style={{ alignSelf: 'flex-start' }}>
      <Group gap={4} wrap="nowrap">
        <IconArrowLeft size={16} />
        {id ? t('articles.backToArticle') : t('articles.backToList')}
      </Group>
    </Anchor>
  );
}
