"use client";

// The editor's live preview: the unsaved texts rendered by the server (POST
// /api/v1/templates/preview) once typing pauses, for the picked user and example event.
// While the texts do not compile, the last preview that did stays on screen, marked stale.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { templateKeys, templatesApi, type PreviewRequest, type TemplatePreview } from "@/lib/client/templates";
import { useDebouncedValue } from "@/lib/client/use-debounced-value";

const NONE: TemplatePreview["problems"] = [];

export function useLivePreview(request: PreviewRequest) {
  const settled = useDebouncedValue(request, 350);
  const query = useQuery({
    queryKey: templateKeys.preview(settled),
    queryFn: ({ signal }) => templatesApi.preview(settled, signal),
    placeholderData: keepPreviousData,
    staleTime: 5_000,
    retry: false,
  });
  const [lastGood, setLastGood] = useState<TemplatePreview | null>(null);
  const data = query.data;
  useEffect(() => {
    if (data && data.problems.length === 0 && !query.error) setLastGood(data);
  }, [data, query.error]);

  const failing = Boolean(query.error) || (data?.problems.length ?? 0) > 0;
  return {
    /** What to draw: the answer, or while it has problems the last one without. */
    shown: failing ? (lastGood ?? (query.error ? null : data ?? null)) : (data ?? null),
    stale: failing && lastGood !== null,
    problems: data?.problems ?? NONE,
    error: query.error,
    fetching: query.isFetching,
  };
}
