"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import type { DescribeContext } from "@/lib/engine/nodes/definition";
import { templateKeys, templatesApi } from "@/lib/client/templates";

/** What node summaries name besides their own data: the application's templates, by name. One query for every node. */
export function useDescribeContext(): DescribeContext {
  const list = useQuery({ queryKey: templateKeys.list(), queryFn: ({ signal }) => templatesApi.list(undefined, signal), staleTime: 30_000 });
  return useMemo(() => {
    const names = new Map(list.data?.templates.map((t) => [t.id, t.name]));
    return { templateName: (id: string) => names.get(id) };
  }, [list.data]);
}
