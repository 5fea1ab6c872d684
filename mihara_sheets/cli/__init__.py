"""The ``mihara-sheets`` command: small subcommands, one module each.

Subcommand modules are imported only when their command runs, so ``--help`` and a single
command stay quick. Exit codes: 0 done, 1 the ledger has errors (or the job found some),
2 a file could not be read or the command was used wrongly.
"""

from __future__ import annotations

import importlib
import importlib.util

import click

# command name -> (module, click command attribute, one-line help shown in the list)
COMMANDS = {
    "check": ("mihara_sheets.cli.check", "check", "台帳を読み、問題をセル番地つきで一覧にする。"),
    "notices": ("mihara_sheets.cli.notices", "notices", "会議の開催通知（Word）と、メールで送る委員への下書きを作る。"),
    "agenda": ("mihara_sheets.cli.agenda", "agenda", "全体会議の次第、または部会などの会議の次第（Word）を作る。"),
    "budget": ("mihara_sheets.cli.budget", "budget", "予算を年度・事業・発注先などで集計する。"),
    "terms": ("mihara_sheets.cli.terms", "terms", "委員の任期切れ・任期間近と兼職の多い人を一覧にする。"),
    "inventory": ("mihara_sheets.cli.inventory", "inventory", "会議体の棚卸・委員構成の報告と、公示の構成団体一覧を作る。"),
    "attendance": ("mihara_sheets.cli.attendance", "attendance", "会議の出欠・定足数をまとめ、出席者名簿・受付名簿を作る。"),
    "minutes": ("mihara_sheets.cli.minutes", "minutes", "会議の会議録（案）（Word）を作る。"),
    "labels": ("mihara_sheets.cli.labels", "labels", "会議の通知を郵送する委員の宛名ラベル（Word）を作る。"),
    "honoraria": ("mihara_sheets.cli.honoraria", "honoraria", "出欠から委員の報酬・謝金・費用弁償と源泉徴収額を計算し、支払明細を作る。"),
    "appointments": ("mihara_sheets.cli.appointments", "appointments", "任期の改選・補欠の委嘱状・就任承諾書・解嘱状・礼状（Word）を作る。"),
    "demo": ("mihara_sheets.cli.demo", "demo", "同梱のサンプル台帳で、すべての処理を実行する。"),
}


class LazyGroup(click.Group):
    """A click group that imports a subcommand's module only when it is used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name, (module, _, _) in COMMANDS.items() if _available(module)]

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module_name, attribute, _ = COMMANDS[name]
        if not _available(module_name):
            return None
        return getattr(importlib.import_module(module_name), attribute)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][2]) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section("コマンド"):
                formatter.write_dl(rows)

    def main(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201 - click's signature
        """Run the command with click's own messages in Japanese."""
        from .japanese import install

        install()
        return super().main(*args, **kwargs)


def _available(module_name: str) -> bool:
    return importlib.util.find_spec(module_name) is not None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="mihara-sheets", help="版（バージョン）を表示して終わる。",
                      message="%(prog)s 版 %(version)s")
def main() -> None:
    """mihara-sheets: 地域共生連携ネットワークの台帳（Excel）から、事務局の書類を作ります。

    台帳のチェック、開催通知（メールの下書きも）、全体会議・部会の次第、予算集計、
    任期の確認、会議体の棚卸、出欠のまとめ、会議録（案）、宛名ラベル、報酬・謝金の
    計算、委嘱状などを、下のコマンドで行います。

    コマンドごとに --help で詳しい使い方を表示できます（例：mihara-sheets notices --help）。
    """
