// The sidebar section «Документы».

import { byId, el } from "./common";

/** Builds the section into its container and wires its buttons. */
export function mountDocuments(): void {
  const root = byId("documents");
  root.replaceChildren(el("h2", "Документы"));
}
