"""Packaging of the bf_external_id Tryton module (registered with the trytond.modules entry point)."""
from setuptools import setup

setup(
    name='bf-trytond-external-id',
    version='8.2.0',
    description='Booking factory external id on Tryton invoices and moves',
    package_dir={'trytond.modules.bf_external_id': '.'},
    packages=['trytond.modules.bf_external_id'],
    package_data={'trytond.modules.bf_external_id': ['tryton.cfg']},
    install_requires=['trytond>=8.2,<8.3', 'trytond-account-invoice>=8.2,<8.3'],
    entry_points={'trytond.modules': ['bf_external_id = trytond.modules.bf_external_id']},
)
