/** The printable report (#/print): the campaign's figures as a paper page. */
import type { Page } from "playwright-core";
import { ScreenPage } from "./screen";

export class PrintPage extends ScreenPage {
  constructor(page: Page) {
    super(page, "#/print");
  }
}
