"""An external id on account.invoice and account.move, unique per company, never copied."""
from trytond.model import Unique, fields
from trytond.pool import Pool, PoolMeta


class _ExternalId:
    __slots__ = ()
    # not readonly: Tryton refuses readonly fields in create/write over RPC, and the connector sets it
    bf_external_id = fields.Char(
        "External ID",
        help="The id of the booking factory proposal this record was posted from.")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ('bf_external_id_unique', Unique(t, t.company, t.bf_external_id),
                'The external id must be unique per company.'),
            ]
        # a cancelled booking gives its id back, so the corrected proposal can be sent again
        if hasattr(cls, '_check_modify_exclude'):
            cls._check_modify_exclude = set(cls._check_modify_exclude) | {'bf_external_id'}

    @classmethod
    def copy(cls, records, default=None):
        default = dict(default or {})
        default.setdefault('bf_external_id', None)
        return super().copy(records, default=default)


class Invoice(_ExternalId, metaclass=PoolMeta):
    __name__ = 'account.invoice'

    @classmethod
    def set_number(cls, invoices):
        # A sales document booked from the booking factory was issued by the client with its own
        # number (in `reference`): it keeps that number instead of one from Tryton's sequence.
        # Tryton numbers a customer invoice only after the last one it numbered, so a sales invoice
        # that reaches the office late (dated before one already booked) could otherwise not be
        # booked at all. Without a number of its own, Tryton's sequence and its date rule apply.
        for invoice in invoices:
            if (invoice.type == 'out' and invoice.bf_external_id and invoice.reference
                    and not invoice.number and invoice.state not in {'posted', 'paid', 'cancelled'}):
                invoice.number = invoice.reference
        super().set_number(invoices)

    def _credit(self, **values):
        # the credit note that withdraws a booked sales document is numbered after it, not from the
        # sequence: it is dated like the document it withdraws, before sales numbered since
        credit = super()._credit(**values)
        if self.type == 'out' and self.bf_external_id and self.number:
            credit.number = f'{self.number}/C'
            if not credit.invoice_date:  # Tryton dates only the invoices it numbers itself
                credit.invoice_date = Pool().get('ir.date').today()
        return credit


class Move(_ExternalId, metaclass=PoolMeta):
    __name__ = 'account.move'
