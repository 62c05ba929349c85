// The sidebar section «Рассылки».

import { byId, el } from "./common";

/** Builds the section into its container and wires its buttons. */
export function mountReminders(): void {
  const root = byId("reminders");
  root.replaceChildren(el("h2", "Рассылки"));
}
