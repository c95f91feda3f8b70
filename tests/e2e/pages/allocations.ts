/** The allocations screen (#/allocations): a supervisor gives each child unit its share of a goal. */
import type { Page } from "playwright-core";
import { ScreenPage } from "./screen";

export class AllocationsPage extends ScreenPage {
  constructor(page: Page) {
    super(page, "#/allocations");
  }
}
