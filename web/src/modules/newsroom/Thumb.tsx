import { Box, Center } from '@mantine/core';
import { IconPhoto } from '@tabler/icons-react';
import { useState } from 'react';

/** A photo thumbnail that falls back to a grey tile when there is no photo or it cannot be loaded. */
export function Thumb({
  src,
  fallbackSrc,
  alt,
  w = 96,
  h = 72,
}: {
  src: string | null | undefined;
  fallbackSrc?: string | null;
  alt: string;
  w?: number | string;
  h?: number | string;
}) {
  const [failed, setFailed] = useState<string[]>([]);
  const url = [src, fallbackSrc].find((u): u is string => !!u && !failed.includes(u)) ?? null;
  return (
    <Box
      w={w}
      h={h}
      style={{ flex: 'none', borderRadius: 'var(--mantine-radius-sm)', overflow: 'hidden', background: 'var(--mantine-color-gray-1)' }}
    >
      {url ? (
        <img
          src={url}
          alt={alt}
          loading="lazy"
          onError={() => setFailed((f) => [...f, url])}
          style={{ width: '100%', height: '100%', objectFit: 'cover', display: 'block' }}
        />
      ) : (
        <Center h="100%" c="gray.5" aria-hidden>
          <IconPhoto size={24} />
        </Center>
      )}
    </Box>
  );
}
