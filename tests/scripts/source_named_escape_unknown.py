print('ok so far')
x = 'ab\N{NO SUCH NAME}'
