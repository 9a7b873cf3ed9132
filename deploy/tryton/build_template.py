"""Builds the Tryton template database every dossier database is cloned from (proteus, run in the
Tryton virtualenv by deploy/local/tryton.sh after `trytond-admin` installed the modules).

What every dossier starts with: a company in EUR, the Belgian normalised chart (PCMN, Dutch
labels) with its 85 VAT taxes and the VAT return grids as tax codes, default receivable and
payable accounts, and the 6-digit accounts a small Belgian company books on (under their PCMN
3-digit parents). The fiscal year, parties and history are per dossier (sync_connector.demo).

    python build_template.py <database> <trytond.conf>
"""
import sys

from proteus import Model, Wizard, config

SIX_DIGIT_ACCOUNTS = (
    ("400000", "Klanten"),
    ("440000", "Leveranciers"),
    ("411000", "Terug te vorderen btw"),
    ("451000", "Te betalen btw"),
    ("499000", "Wachtrekening"),
    ("550000", "Bank rekening-courant"),
    ("570000", "Kas"),
    ("600000", "Aankopen van grondstoffen"),
    ("602000", "Aankopen van diensten, werk en studies"),
    ("604000", "Aankopen van handelsgoederen"),
    ("608000", "Ontvangen kortingen"),
    ("617000", "Uitzendkrachten"),
    ("610000", "Huur en huurlasten"),
    ("611000", "Onderhoud en herstellingen"),
    ("612000", "Water, gas en elektriciteit"),
    ("613000", "Erelonen en vergoedingen"),
    ("614000", "Kantoorbenodigdheden en telecom"),
    ("615000", "Reclame en representatie"),
    ("618000", "Bezoldigingen bestuurders"),
    ("700000", "Verkopen handelsgoederen"),
    ("705000", "Dienstprestaties"),
    ("708000", "Toegekende kortingen"),
    ("743000", "Diverse bedrijfsopbrengsten"),
)


def create_company(cfg):
    Currency = Model.get('currency.currency')
    Party = Model.get('party.party')
    User = Model.get('res.user')
    from decimal import Decimal
    eur = Currency(name='Euro', symbol='€', code='EUR', rounding=Decimal('0.01'))
    eur.save()
    party = Party(name='Dossier')
    party.save()
    wizard = Wizard('company.company.config')
    wizard.execute('company')
    wizard.form.party = party
    wizard.form.currency = eur
    wizard.execute('add')
    cfg._context = User.get_preferences(True, {})
    company, = Model.get('company.company').find()
    return company


def create_chart(cfg, company):
    AccountTemplate = Model.get('account.account.template')
    ModelData = Model.get('ir.model.data')
    Account = Model.get('account.account')
    template = AccountTemplate(ModelData.get_id('account_be.root_nl', cfg.context))
    wizard = Wizard('account.create_chart')
    wizard.execute('account')
    wizard.form.account_template = template
    wizard.form.company = company
    wizard.execute('create_account')
    created = {}
    for code, name in SIX_DIGIT_ACCOUNTS:
        # class 61 has no 3-digit accounts in the chart: those hang under 61 with the type of 604
        parent, = Account.find([('code', '=', code[:3] if code[:2] != '61' or code[:3] in ('617', '618')
                    else '61'), ('company', '=', company.id)])
        typed = parent if parent.type else Account.find([('code', '=', '604')])[0]
        account = Account(code=code, name=name, parent=parent, type=typed.type,
            reconcile=parent.reconcile, party_required=parent.party_required)
        account.save()
        created[code] = account
    wizard.form.account_receivable = created['400000']
    wizard.form.account_payable = created['440000']
    wizard.execute('create_properties')


def main(database, config_file):
    cfg = config.set_trytond(database=database, config_file=config_file)
    company = create_company(cfg)
    create_chart(cfg, company)
    print(f"template {database}: company, Belgian chart, {len(SIX_DIGIT_ACCOUNTS)} 6-digit accounts")


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
