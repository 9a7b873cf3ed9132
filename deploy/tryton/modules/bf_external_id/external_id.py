"""An external id on account.invoice and account.move, unique per company, never copied."""
from trytond.model import Unique, fields
from trytond.pool import PoolMeta


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


class Move(_ExternalId, metaclass=PoolMeta):
    __name__ = 'account.move'
