/** The meeting presentation (#/present): full-screen slides, no status bar or navigation. */
import type { Page } from "playwright-core";
import { ScreenPage } from "./screen";

export class PresentPage extends ScreenPage {
  constructor(page: Page) {
    super(page, "#/present");
  }
}
