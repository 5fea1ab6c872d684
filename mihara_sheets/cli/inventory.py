"""``mihara-sheets inventory``: the council inventory, the composition report and the 公示 list."""

from __future__ import annotations

import click

from .common import JSON_OPTION, LEDGER_ARGUMENT, TODAY_OPTION, LedgerDate, as_date, finish
from .options import OUT_OPTION, TEMPLATE_OPTION


@click.command()
@LEDGER_ARGUMENT
@OUT_OPTION
@click.option("--as-of", "as_of", type=LedgerDate(), default=None, metavar="日付",
              help="委員構成を数える基準日（2026-04-01 や 令和8年4月1日）。既定は基準日（--today）の年度の4月1日"
                   "（内閣府の調査と同じ日）。")
@TODAY_OPTION
@click.option("--top", type=click.IntRange(0, 50), default=3, show_default=True, metavar="組数",
              help="負担の見込みで、統合したものとして計算する上位の候補の組数。")
@TEMPLATE_OPTION
@click.option("--koji-template", type=click.Path(dir_okay=False, exists=True), default=None, metavar="DOCX",
              help="公示の文書に、同梱のものの代わりに使うテンプレート（.docx）。")
@JSON_OPTION
def inventory(ledgers, out, as_of, today, top, template, koji_template, as_json) -> None:
    """会議体の棚卸と委員構成の報告、地域協議会の公示の一覧を作ります（Excel の「会議体の棚卸」ボタンと同じ処理）。

    LEDGERS は台帳のファイル（.xlsx / .xlsm / .csv）です。会議体シートと名簿から、次をまとめます。

    \b
      ・会議体ごとの位置づけ（親会議体・部会・統合先、再編前の区分と再編後の
        状態）、年間開催回数、委員数、区分別の構成
      ・2つ以上の会議体に所属する人（人×会議体の表）と、兼職上限（設定）を
        超える人
      ・会議体の組ごとの委員・所属団体の重なり（Jaccard 係数）と、統合の候補
        （理由つき、報告にはグラフも）
      ・負担の見込み（年間開催回数×委員数）と、上位の候補を統合した場合
      ・委員構成（基準日現在）：女性の比率（充て職を除いた比率も）、女性の
        いない会議体、公募委員の比率、在任年数上限を超える委員（初回委嘱日
        から）。性別が空欄の委員は「不明」と数え、氏名から推測しません
      ・任期・委員定数、日程（土日・祝日・年末年始の会議、同じ日の重複、
        通知の遅れ）の確認
      ・公示用の構成団体の一覧（守秘義務のある会議体は名称のみで、構成員は
        載せません）

    同じ人かどうかは人物IDで、なければ氏名（空白・全角半角の違いを除く）とふりがな・所属で
    判断します。髙/高 のような異体字だけが違う氏名は「同じ人かもしれない」と示すだけで、
    同一人物としては数えません。台帳は読むだけで、変更しません。

    \b
    作られるもの（出力フォルダ/棚卸/）:
      会議体の棚卸_令和N年度.xlsx    一覧・重複マトリクス・兼職・統合候補・
                                     委員構成・任期・日程
      会議体の棚卸_令和N年度.docx    課長向けの報告（概要、表、重なりのグラフ）
      公示_構成団体_令和N年度.docx   公示の文案
      公示_構成団体_令和N年度.csv    同じ一覧（Excel で開ける UTF-8）

    \b
    終了コード:
      0  作成した（警告のみを含む）
      1  会議体・名簿のシートにエラーがある
      2  台帳やテンプレートを読めない、会議体がない、出力先に書き込めない

    \b
    例:
      mihara-sheets inventory 台帳.xlsx
      mihara-sheets inventory 台帳.xlsx --as-of 2026-04-01 --out 棚卸 --json
    """
    from ..jobs import FileLedger, InventoryRequest, run_inventory

    request = InventoryRequest(out, as_date(as_of), as_date(today), top, template, koji_template)
    finish(run_inventory(FileLedger(ledgers), request), as_json=as_json, title="確認が必要な事項")
