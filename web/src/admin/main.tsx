import { mountApp } from '../shared/mount'
import { AdminApp } from './AdminApp'

mountApp(<AdminApp />)
