# -*- coding: utf-8 -*-
print('bom and utf-8 declaration', 'é')
