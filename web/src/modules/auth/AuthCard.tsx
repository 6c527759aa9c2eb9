import { Box, Center, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { t } from '../../i18n';

/** The centred card the sign-in and password pages share. */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Center mih="100vh" p="md" bg="gray.0">
      <Box w="100%" maw={420}>
        <Stack gap={4} mb="md" align="center">
          <Text fw={800} fz={32} c="indigo.7">
            {t('app.name')}
          </Text>
          <Text c="dimmed" size="sm" ta="center">
            {t('app.tagline')}
          </Text>
        </Stack>
        <Paper withBorder shadow="sm" p={{ base: 'md', sm: 'xl' }} radius="md">
          <Title order={1} fz="h3" mb="md">
            {title}
          </Title>
          {children}
        </Paper>
      </Box>
    </Center>
  );
}
